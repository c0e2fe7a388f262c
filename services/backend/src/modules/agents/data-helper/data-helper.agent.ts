/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { DataRequest } from '@netra/shared/contracts';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';

export const dataHelperAgent: Agent<
  { triage: TriageResult; sufficiency: SufficiencyResult | undefined },
  DataRequest
> = {
  name: 'data_helper',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('data_helper agent not written yet')),
};
