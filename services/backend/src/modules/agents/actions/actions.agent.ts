/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { ActionPlan } from '@netra/shared/contracts';
import type { OptimizationResult, TriageResult } from '#modules/agents/workflow-state.js';

export const actionsAgent: Agent<{ triage: TriageResult; optimization: OptimizationResult }, ActionPlan> = {
  name: 'actions',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('actions agent not written yet')),
};
