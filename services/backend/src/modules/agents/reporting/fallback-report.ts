/**
 * The report when the Reporting agent itself failed: assembled from the workflow state alone (no
 * reads, no model), marked partial with the failure among its caveats. It cannot throw: if even
 * the assembly fails, a minimal report with a zero analysis is returned.
 * @module
 */
import type { ReportDraft, WorkflowState } from '#modules/agents/workflow-state.js';
import { GENERAL_GOAL } from '#modules/agents/triage/request-goal.js';
import { composeReportDraft, zeroAnalysis } from './report-draft.js';

const FAILURE = {
  agent: 'reporting' as const,
  code: 'fallback',
  message: 'the report was assembled from the run state alone',
};
const NO_ENGINE = 'No engine analysis was available when the report was assembled; its figures are zero.';

function minimalDraft(now: Date): ReportDraft {
  const caveat = 'The report could not be assembled; the run state is kept and the run can be asked again.';
  return {
    tier: 'partial',
    title: 'LLM optimization report (incomplete)',
    goal: GENERAL_GOAL,
    summary: {
      headline: 'The report could not be written; no figures are available.',
      baseline_monthly_usd: 0,
      baseline_source: 'none',
      proven_monthly_savings_usd: 0,
      proven_savings_pct: 0,
      potential_monthly_savings_usd: 0,
      potential_savings_pct: 0,
      roi: null,
      payback_days: null,
    },
    analysis: zeroAnalysis(now, NO_ENGINE),
    data_request: null,
    findings: null,
    action_plan: null,
    caveats: [caveat],
    markdown: `# LLM optimization report (incomplete)\n\n${caveat}\n`,
  };
}

/** The report when the Reporting agent itself failed: built from the state alone, cannot throw. */
export function fallbackReportDraft(state: WorkflowState, now: Date): ReportDraft {
  try {
    const failed = { ...state, failures: [...state.failures, FAILURE] };
    const analysis = state.optimization?.analysis ?? zeroAnalysis(now, NO_ENGINE);
    return composeReportDraft(failed, analysis);
  } catch {
    return minimalDraft(now);
  }
}
