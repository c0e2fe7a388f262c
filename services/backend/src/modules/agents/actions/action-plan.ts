/**
 * The action plan: one step per ranked opportunity, in the goal's order, each with an owner, its
 * effort, a staged rollout (5% → 25% → 100% of the scope's traffic, slower for riskier changes;
 * changes that need an evaluation start with an offline evaluation at 0%), the metrics to watch,
 * concrete rollback thresholds and the engine's ready-to-paste snippets. A closing step tracks the
 * realized savings against the proven figure.
 * @module
 */
import type { ActionPlan, Opportunity, RequestGoal } from '@netra/shared/contracts';
import type { OptimizationResult } from '#modules/agents/workflow-state.js';
import { needsEvaluation } from '#modules/agents/optimization/goal-ranking.js';
import {
  ERROR_RATE_TOLERANCE_POINTS,
  LATENCY_TOLERANCE,
  PLAYBOOKS,
  QUALITY_TOLERANCE_POINTS,
} from './rollout-playbook.js';

export type ActionStep = ActionPlan['steps'][number];
type Phase = ActionStep['phases'][number];

/** Days at 5% and at 25% before going further, by the change's risk. */
const STAGE_DAYS: Record<Opportunity['risk'], [number, number]> = {
  low: [1, 2],
  medium: [3, 4],
  high: [7, 7],
};
const EVALUATION_DAYS = 3;
/** Days at 100% before the change counts as done (a full weekly cycle of traffic). */
const SETTLE_DAYS = 7;

export function rolloutPhases(opportunity: Opportunity): Phase[] {
  const [canary, ramp] = STAGE_DAYS[opportunity.risk];
  const staged: Phase[] = [
    { name: 'Canary', traffic_pct: 5, duration_days: canary },
    { name: 'Ramp', traffic_pct: 25, duration_days: ramp },
    { name: 'Full rollout', traffic_pct: 100, duration_days: SETTLE_DAYS },
  ];
  return needsEvaluation(opportunity)
    ? [
        {
          name: 'Offline evaluation on sampled real prompts',
          traffic_pct: 0,
          duration_days: EVALUATION_DAYS,
        },
        ...staged,
      ]
    : staged;
}

function latencyTrigger(goal: RequestGoal): string {
  const relative = `p95 latency more than ${LATENCY_TOLERANCE * 100}% above the pre-change baseline for 30 minutes`;
  return goal.target_latency_ms === null
    ? relative
    : `${relative}, or above the ${goal.target_latency_ms} ms target`;
}

function validationOf(opportunity: Opportunity): string[] {
  const playbook = PLAYBOOKS[opportunity.kind];
  const common = ['Cost per request of the scope, against the pre-change baseline', 'Error rate'];
  const latency = playbook.latencyInsensitive === true ? [] : ['p95 latency'];
  const quality = needsEvaluation(opportunity) ? ['Quality eval score against the current setup'] : [];
  return [...common, ...latency, ...quality, ...playbook.validation];
}

function rollbackTriggersOf(opportunity: Opportunity, goal: RequestGoal): string[] {
  const playbook = PLAYBOOKS[opportunity.kind];
  const errors = `Error rate more than ${ERROR_RATE_TOLERANCE_POINTS} percentage point above the pre-change baseline for 30 minutes`;
  const latency = playbook.latencyInsensitive === true ? [] : [latencyTrigger(goal)];
  const quality = needsEvaluation(opportunity)
    ? [
        `Quality eval score more than ${QUALITY_TOLERANCE_POINTS} points (on a 0–100 scale) below the current setup`,
      ]
    : [];
  const cost = 'Cost per request not below the pre-change baseline after the canary phase';
  return [errors, ...latency, ...quality, cost, ...playbook.rollback_triggers];
}

function artifactsOf(opportunity: Opportunity): ActionStep['artifacts'] {
  return opportunity.actions.flatMap((action) =>
    action.snippet === undefined
      ? []
      : [
          {
            label: action.title,
            content: action.snippet,
            ...(action.language === undefined ? {} : { language: action.language }),
          },
        ],
  );
}

export function stepFor(opportunity: Opportunity, order: number, goal: RequestGoal): ActionStep {
  return {
    order,
    opportunity_id: opportunity.id,
    title: opportunity.title,
    owner_role: PLAYBOOKS[opportunity.kind].owner_role,
    effort: opportunity.effort,
    phases: rolloutPhases(opportunity),
    validation: validationOf(opportunity),
    rollback_triggers: rollbackTriggersOf(opportunity, goal),
    artifacts: artifactsOf(opportunity),
  };
}

function trackingStep(order: number): ActionStep {
  return {
    order,
    opportunity_id: null,
    title: 'Track realized savings against the proven figure',
    owner_role: 'finance',
    effort: 'low',
    phases: [{ name: 'Monthly review', traffic_pct: 100, duration_days: 30 }],
    validation: [
      'Realized monthly savings of each applied recommendation against its reported figure',
      'Monthly spend against the baseline of this report',
    ],
    rollback_triggers: [],
    artifacts: [],
  };
}

/** The plan for the ranked opportunities (ids the report does not hold are skipped). */
export function buildActionPlan(optimization: OptimizationResult, goal: RequestGoal): ActionPlan {
  const byId = new Map(optimization.analysis.opportunities.map((item) => [item.id, item]));
  const ranked = optimization.ranked_ids.flatMap((id) => byId.get(id) ?? []);
  const steps = ranked.map((opportunity, index) => stepFor(opportunity, index + 1, goal));
  return { steps: steps.length === 0 ? [] : [...steps, trackingStep(steps.length + 1)] };
}
