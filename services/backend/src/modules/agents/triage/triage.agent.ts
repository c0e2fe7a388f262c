/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { PreviousRun } from '#modules/agents/agent.js';
import type { TriageResult } from '#modules/agents/workflow-state.js';

export const triageAgent: Agent<{ text: string; previous: PreviousRun | null }, TriageResult> = {
  name: 'triage',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('triage agent not written yet')),
};
