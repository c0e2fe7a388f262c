/** Placeholder until the agent is written; the workflow degrades around it. */
import type { Agent } from '#modules/agents/agent.js';
import type { ReportDraft, WorkflowState } from '#modules/agents/workflow-state.js';

export const reportingAgent: Agent<{ state: WorkflowState }, ReportDraft> = {
  name: 'reporting',
  timeoutMs: 30_000,
  run: () => Promise.reject(new Error('reporting agent not written yet')),
};
