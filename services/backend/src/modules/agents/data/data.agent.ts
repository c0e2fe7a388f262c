/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { DataFindings } from '@netra/shared/contracts';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';

export const dataAgent: Agent<{ triage: TriageResult; sufficiency: SufficiencyResult }, DataFindings> = {
  name: 'data',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('data agent not written yet')),
};
