/** Placeholder until the Reporting agent is written. */
import type { ReportDraft, WorkflowState } from '#modules/agents/workflow-state.js';

/** The report when the Reporting agent itself failed: built from the state alone, cannot throw. */
export function fallbackReportDraft(_state: WorkflowState, _now: Date): ReportDraft {
  throw new Error('fallback report not written yet');
}
