/**
 * Assembles a report draft from the workflow state and an engine analysis: the tier, the title,
 * the caveats, the summary and the Markdown. Pure and synchronous, so the Reporting agent and the
 * fallback report build the same document from the same state.
 *
 * Tiers: guidance when the data is insufficient (or no sufficiency verdict exists); partial when
 * the data is partial or any agent failed; full otherwise.
 * @module
 */
import {
  REPORT_SCHEMA_VERSION,
  type AgentName,
  type AnalysisReport,
  type ReportTier,
  type RequestGoal,
} from '@netra/shared/contracts';
import type { ReportDraft, WorkflowState } from '#modules/agents/workflow-state.js';
import { renderRunReportMarkdown } from './report-markdown.js';
import { statedMonthlySpend, summarize } from './report-summary.js';
import { GENERAL_GOAL } from '#modules/agents/triage/request-goal.js';

export function tierOf(state: WorkflowState): ReportTier {
  const workflow = state.sufficiency?.workflow;
  if (workflow === undefined || workflow === 'insufficient') {
    return 'guidance';
  }
  return workflow === 'partial' || state.failures.length > 0 ? 'partial' : 'full';
}

const TITLES: Record<RequestGoal['objective'], string> = {
  cost: 'LLM cost optimization report',
  latency: 'LLM latency optimization report',
  quality: 'LLM optimization report (quality kept)',
  capacity: 'LLM capacity and cost report',
  insight: 'LLM usage and spend report',
};

export function titleOf(tier: ReportTier, goal: RequestGoal): string {
  return tier === 'guidance' ? 'What to send for an LLM spend analysis' : TITLES[goal.objective];
}

const AGENT_LABELS: Record<AgentName, string> = {
  triage: 'Triage',
  data_sufficiency: 'Data sufficiency check',
  data_helper: 'Data Helper',
  data: 'Data',
  optimization: 'Optimization',
  actions: 'Actions',
  reporting: 'Reporting',
};

const MISSING_PART: Partial<Record<AgentName, string>> = {
  triage: 'the request was read with default goals',
  data_sufficiency: 'no verdict on the data, so this report only says what to send',
  data_helper: 'the data request is missing',
  data: 'the data findings (profile and anomalies) are missing',
  optimization: 'no ranked opportunities and no action plan',
  actions: 'the action plan is missing',
};

function failureCaveats(state: WorkflowState): string[] {
  return state.failures.map(({ agent, code, message }) => {
    const effect = MISSING_PART[agent];
    return `The ${AGENT_LABELS[agent]} step failed (${code}: ${message})${effect === undefined ? '' : `; ${effect}`}.`;
  });
}

function dataCaveats(tier: ReportTier, analysis: AnalysisReport): string[] {
  if (tier === 'full') {
    return [];
  }
  const quality = analysis.data_quality;
  return [...quality.missing.map(({ field, why }) => `Missing \`${field}\`: ${why}`), ...quality.notes];
}

function exclusionCaveat(state: WorkflowState): string[] {
  const excluded = state.optimization?.excluded.length ?? 0;
  return excluded === 0
    ? []
    : [
        `The savings figures are the engine's combined plan; ${excluded} change(s) in it are left out of the ranking for your goal (see Optimizations).`,
      ];
}

function caveatsOf(
  state: WorkflowState,
  tier: ReportTier,
  analysis: AnalysisReport,
  extra: readonly string[],
) {
  const flagged =
    state.triage?.flags.includes('instructions_in_text') === true
      ? ['Your message contained text that looked like instructions to the system; it was read as text only.']
      : [];
  return [
    ...failureCaveats(state),
    ...dataCaveats(tier, analysis),
    ...exclusionCaveat(state),
    ...flagged,
    ...extra,
  ];
}

/** The §4.2 report of no usage: zeros, insufficient, with why (used when the engine gave no report). */
export function zeroAnalysis(now: Date, note: string): AnalysisReport {
  // An invalid date must not make the fallback report throw.
  const at = (Number.isNaN(now.getTime()) ? new Date(0) : now).toISOString();
  const none = { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] };
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: at,
    period: { start: at, end: at, days: 1 },
    baseline: {
      requests: 0,
      total_cost_usd: 0,
      monthly_cost_usd: 0,
      unpriced_requests: 0,
      by_model: [],
      by_feature: [],
    },
    data_quality: { sufficiency: 'insufficient', completeness: 0, missing: [], notes: [note] },
    opportunities: [],
    plan: { ...none, proven: { ...none, opportunity_ids: [] } },
  };
}

export interface DraftOptions {
  /** Caveats of how the analysis was obtained (e.g. the engine could not be run). */
  caveats?: readonly string[];
  /** Replaces the deterministic headline (an LLM's phrasing that passed the figures guard). */
  headline?: string | undefined;
}

function summaryOf(state: WorkflowState, tier: ReportTier, analysis: AnalysisReport, headline?: string) {
  const goal = state.triage?.goal ?? GENERAL_GOAL;
  const statedMonthly = statedMonthlySpend(goal, state.sufficiency?.stated_baseline ?? null);
  const summary = summarize({ tier, analysis, actionPlan: state.action_plan ?? null, statedMonthly });
  return { ...summary, headline: headline ?? summary.headline };
}

const STATED_BASELINE = 'The baseline is the monthly spend you stated, not measured from usage.';

/** The report draft of the state with `analysis` as its engine report. */
export function composeReportDraft(
  state: WorkflowState,
  analysis: AnalysisReport,
  options: DraftOptions = {},
): ReportDraft {
  const tier = tierOf(state);
  const goal = state.triage?.goal ?? GENERAL_GOAL;
  const summary = summaryOf(state, tier, analysis, options.headline);
  const stated = summary.baseline_source === 'stated' ? [STATED_BASELINE] : [];
  const draft = {
    tier,
    title: titleOf(tier, goal),
    goal,
    summary,
    analysis,
    findings: state.findings ?? null,
    action_plan: state.action_plan ?? null,
    data_request: state.data_request ?? null,
    caveats: caveatsOf(state, tier, analysis, [...stated, ...(options.caveats ?? [])]),
  };
  return { ...draft, markdown: renderRunReportMarkdown(draft, state.optimization) };
}
