/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { DataFindings } from '@netra/shared/contracts';
import type { OptimizationResult, SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';

export const optimizationAgent: Agent<
  { triage: TriageResult; sufficiency: SufficiencyResult; findings: DataFindings | undefined },
  OptimizationResult
> = {
  name: 'optimization',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('optimization agent not written yet')),
};
