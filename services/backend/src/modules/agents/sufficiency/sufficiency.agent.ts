/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { SufficiencyResult, TriageResult } from '#modules/agents/workflow-state.js';

export const sufficiencyAgent: Agent<{ triage: TriageResult }, SufficiencyResult> = {
  name: 'data_sufficiency',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('data_sufficiency agent not written yet')),
};
