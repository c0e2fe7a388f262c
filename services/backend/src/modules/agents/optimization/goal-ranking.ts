/**
 * Ranks the engine's opportunities by what the user asked for, without touching a figure: the
 * result is opportunity ids in order and ids left out with why. A cost goal ranks by dollars; a
 * latency goal puts the levers that also make requests faster first and leaves out the batch API
 * (it trades hours of latency for price); "maintain quality" (or a quality objective) leaves out
 * the levers whose figure needs an evaluation before rollout; "no cost increase" leaves out
 * anything that does not lower cost.
 * @module
 */
import {
  isProvenOpportunity,
  type AnalysisReport,
  type Opportunity,
  type OpportunityKind,
  type RequestGoal,
} from '@netra/shared/contracts';

export interface GoalRanking {
  ranked_ids: string[];
  excluded: { id: string; reason: string }[];
  goal_note: string;
}

/**
 * Levers that cut latency as well as cost: a cache hit skips the model, cached prefixes and shorter
 * contexts shorten prefill, fewer output or reasoning tokens shorten generation, and the cheaper
 * models rightsizing proposes are the smaller, faster ones of a family.
 */
export const LATENCY_LEVERS: ReadonlySet<OpportunityKind> = new Set([
  'response_caching',
  'prompt_caching',
  'output_length',
  'model_rightsizing',
  'context_trimming',
  'reasoning_effort',
]);

/** Levers that make requests slower, and why, for a latency goal. */
const SLOWER_LEVERS: Partial<Record<OpportunityKind, string>> = {
  batch_api:
    'Left out for the latency goal: batch requests complete within hours (up to 24 h), not in seconds.',
};

/** Whether the data proves the figure; the rest needs an evaluation before rollout. */
export function needsEvaluation(opportunity: Opportunity): boolean {
  return (
    !isProvenOpportunity(opportunity) && (opportunity.requires_evaluation || opportunity.confidence === 'low')
  );
}

type Rule = (opportunity: Opportunity, goal: RequestGoal) => string | undefined;

const EXCLUSION_RULES: readonly Rule[] = [
  (opportunity, goal) => (goal.objective === 'latency' ? SLOWER_LEVERS[opportunity.kind] : undefined),
  (opportunity, goal) =>
    keepsQuality(goal) && needsEvaluation(opportunity)
      ? 'Left out because quality must be kept: this change needs an evaluation on real prompts before it can be trusted; run the evaluation first.'
      : undefined,
  (opportunity, goal) =>
    goal.no_cost_increase && opportunity.monthly_savings_usd <= 0
      ? 'Left out because cost must not rise: this change lowers no measured cost.'
      : undefined,
];

function keepsQuality(goal: RequestGoal): boolean {
  return goal.maintain_quality || goal.objective === 'quality';
}

/** Dollars first, then proven before potential, then id (a stable order for equal figures). */
function byDollars(a: Opportunity, b: Opportunity): number {
  return (
    b.monthly_savings_usd - a.monthly_savings_usd ||
    Number(isProvenOpportunity(b)) - Number(isProvenOpportunity(a)) ||
    a.id.localeCompare(b.id)
  );
}

function byLatencyThenDollars(a: Opportunity, b: Opportunity): number {
  return Number(LATENCY_LEVERS.has(b.kind)) - Number(LATENCY_LEVERS.has(a.kind)) || byDollars(a, b);
}

function noteFor(goal: RequestGoal, excluded: number): string {
  const order =
    goal.objective === 'latency'
      ? 'Ranked for latency: changes that also make requests faster come first, then the rest by monthly savings.'
      : 'Ranked by monthly savings, proven before potential at equal dollars.';
  const constraints = [
    keepsQuality(goal) ? 'quality must be kept, so changes that need an evaluation are left out' : undefined,
    goal.no_cost_increase ? 'cost must not rise' : undefined,
  ].filter((part) => part !== undefined);
  const kept = constraints.length === 0 ? '' : ` Constraints: ${constraints.join('; ')}.`;
  const left =
    excluded === 0
      ? ''
      : ` ${excluded} opportunit${excluded === 1 ? 'y is' : 'ies are'} left out, each with why.`;
  return `${order}${kept}${left} Figures are the engine's, unchanged.`;
}

/** The opportunities of `analysis` in the order `goal` ranks them, and those it leaves out. */
export function rankForGoal(analysis: AnalysisReport, goal: RequestGoal): GoalRanking {
  const excluded: GoalRanking['excluded'] = [];
  const kept: Opportunity[] = [];
  for (const opportunity of analysis.opportunities) {
    const reason = EXCLUSION_RULES.map((rule) => rule(opportunity, goal)).find(
      (found) => found !== undefined,
    );
    if (reason === undefined) {
      kept.push(opportunity);
    } else {
      excluded.push({ id: opportunity.id, reason });
    }
  }
  const order = goal.objective === 'latency' ? byLatencyThenDollars : byDollars;
  return {
    ranked_ids: kept.sort(order).map((opportunity) => opportunity.id),
    excluded,
    goal_note: noteFor(goal, excluded.length),
  };
}
