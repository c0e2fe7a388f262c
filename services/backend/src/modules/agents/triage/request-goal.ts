/**
 * From a classification and the extracted entities to the RequestGoal every later agent reads, and
 * the one-sentence intent shown to the user. Every number comes from the text; none is assumed.
 * @module
 */
import type { RequestGoal, TriageCategory } from '@netra/shared/contracts';
import type { TriageResult } from '#modules/agents/workflow-state.js';

export type Entities = TriageResult['entities'];

const OBJECTIVES: Readonly<Record<TriageCategory, RequestGoal['objective']>> = {
  cost_optimization: 'cost',
  performance_optimization: 'latency',
  model_selection: 'quality',
  workload_analysis: 'insight',
  capacity_planning: 'capacity',
  configuration: 'insight',
  monitoring_reporting: 'insight',
  general: 'insight',
};

const MAINTAIN_QUALITY =
  /\b(maintain\w*|keep\w*|preserv\w*|same|without (hurting|sacrificing|losing|degrading|reducing|compromising|affecting|hurt\w*))( the| our| my| its)? (quality|accuracy)\b|\bquality (must|should|has to) (stay|remain)\b|\bno (loss|drop|hit) (of|in|to) quality\b/i;
const NO_COST_INCREASE =
  /\bwithout (increasing|raising|adding to|more|extra|additional|growing)( the| our| my)? (costs?|spend\w*|budget|bill)\b|\b(same|flat|fixed|current|existing) (budget|costs?|spend)\b|\bno (additional|extra|more|added) (costs?|spend\w*)\b|\b(cost|budget)[\s-]neutral\b/i;
const COST_WORDS = /\b(costs?|spend\w*|cheaper|bill\w*|budget|sav\w*)\b/i;

export function objectiveOf(category: TriageCategory, text: string): RequestGoal['objective'] {
  const objective = OBJECTIVES[category];
  const costly = COST_WORDS.test(text.replace(NO_COST_INCREASE, ' '));
  return (objective === 'quality' || category === 'configuration') && costly ? 'cost' : objective;
}

function firstTarget(entities: Entities, kind: Entities['targets'][number]['kind']): number | null {
  return entities.targets.find((target) => target.kind === kind)?.value ?? null;
}

/** A savings share: written ("by 30%"), or from a stated spend and a spend target ("from $10k to $7k"). */
function savingsPct(entities: Entities, monthlySpend: number | null): number | null {
  const written = firstTarget(entities, 'savings_pct');
  const costTarget = firstTarget(entities, 'cost_usd');
  if (written !== null || costTarget === null || monthlySpend === null || costTarget >= monthlySpend) {
    return written;
  }
  return Math.round((1 - costTarget / monthlySpend) * 1000) / 10;
}

export function buildGoal(
  category: TriageCategory,
  text: string,
  entities: Entities,
  monthlySpend: number | null,
): RequestGoal {
  return {
    category,
    objective: objectiveOf(category, text),
    maintain_quality: MAINTAIN_QUALITY.test(text),
    no_cost_increase: NO_COST_INCREASE.test(text),
    target_savings_pct: savingsPct(entities, monthlySpend),
    target_latency_ms: firstTarget(entities, 'latency_ms'),
    growth_multiplier: firstTarget(entities, 'multiplier'),
    stated_monthly_spend_usd: monthlySpend,
    stated_models: entities.models.map((model) => model.model),
  };
}

/** Whether the goal says anything of its own: a target, a spend, a model or a constraint. */
export function hasOwnGoal(goal: RequestGoal): boolean {
  return (
    goal.target_savings_pct !== null ||
    goal.target_latency_ms !== null ||
    goal.growth_multiplier !== null ||
    goal.stated_monthly_spend_usd !== null ||
    goal.maintain_quality ||
    goal.no_cost_increase
  );
}

const usd = (value: number) => `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

function scopeOf(entities: Entities): string {
  const parts = [
    entities.features.length > 0 ? ` for ${entities.features.join(', ')}` : '',
    entities.models.length > 0 ? ` on ${entities.models.map((model) => model.model).join(', ')}` : '',
    entities.time_range === null ? '' : ` over ${entities.time_range.mention}`,
  ];
  return parts.join('');
}

function costIntent(goal: RequestGoal, scope: string): string {
  const by = goal.target_savings_pct === null ? '' : ` by ${goal.target_savings_pct}%`;
  const spend =
    goal.stated_monthly_spend_usd === null ? '' : ` (about ${usd(goal.stated_monthly_spend_usd)}/month)`;
  const quality = goal.maintain_quality ? ' while maintaining quality' : '';
  return `Reduce AI spend${scope}${spend}${by}${quality}.`;
}

function latencyIntent(goal: RequestGoal, scope: string): string {
  const target =
    goal.target_latency_ms === null ? '' : ` to under ${goal.target_latency_ms.toLocaleString('en-US')} ms`;
  const cost = goal.no_cost_increase ? ' without increasing cost' : '';
  return `Lower response latency${scope}${target}${cost}.`;
}

const INSIGHT_INTENTS: Readonly<Record<TriageCategory, string>> = {
  cost_optimization: 'Reduce AI spend',
  performance_optimization: 'Lower response latency',
  model_selection: 'Choose the right model',
  workload_analysis: 'Understand where AI usage and spend go',
  capacity_planning: 'Plan capacity and cost for more usage',
  configuration: 'Configure AI usage and its instrumentation',
  monitoring_reporting: 'Monitor and report AI usage and spend',
  general: 'Answer a general question about AI usage and cost',
};

/** One sentence saying what the user wants, built from the goal and entities only. */
export function intentOf(goal: RequestGoal, entities: Entities): string {
  const scope = scopeOf(entities);
  if (goal.category === 'cost_optimization') {
    return costIntent(goal, scope);
  }
  if (goal.category === 'performance_optimization') {
    return latencyIntent(goal, scope);
  }
  if (goal.category === 'capacity_planning' && goal.growth_multiplier !== null) {
    return `Plan capacity and cost for ${goal.growth_multiplier}× the current usage${scope}.`;
  }
  const quality = goal.category === 'model_selection' && goal.objective === 'cost' ? ' at a lower cost' : '';
  return `${INSIGHT_INTENTS[goal.category]}${quality}${scope}.`;
}

/** The goal of a request nothing could be read from: a general question, no target, no constraint. */
export const GENERAL_GOAL: RequestGoal = {
  category: 'general',
  objective: 'insight',
  maintain_quality: false,
  no_cost_increase: false,
  target_savings_pct: null,
  target_latency_ms: null,
  growth_multiplier: null,
  stated_monthly_spend_usd: null,
  stated_models: [],
};
