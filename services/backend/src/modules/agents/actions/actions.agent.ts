/**
 * The Actions agent: turns the ranked opportunities into an ordered action plan (owner, effort,
 * staged rollout, checks, rollback thresholds, snippets to paste). Deterministic: no reads, no model.
 * @module
 */
import type { ActionPlan } from '@netra/shared/contracts';
import type { Agent } from '#modules/agents/agent.js';
import type { OptimizationResult, TriageResult } from '#modules/agents/workflow-state.js';
import { buildActionPlan } from './action-plan.js';

export const actionsAgent: Agent<{ triage: TriageResult; optimization: OptimizationResult }, ActionPlan> = {
  name: 'actions',
  timeoutMs: 30_000,
  run: async ({ triage, optimization }, context) => {
    await context.events.thinking(
      `Planning the rollout of ${optimization.ranked_ids.length} ranked change(s): owners, staged traffic, checks and rollback thresholds.`,
    );
    const plan = buildActionPlan(optimization, triage.goal);
    await context.events.progress('planned', 1, `${plan.steps.length} step(s) in the action plan`);
    return plan;
  },
};
