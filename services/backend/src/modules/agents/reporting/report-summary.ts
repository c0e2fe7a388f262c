/**
 * The executive summary of a run report: the baseline (measured, else the spend the user stated),
 * the proven savings first and the potential beside them (both the engine's combined plan, never
 * recomputed), ROI and payback of the plan's one-off work, and a deterministic headline.
 *
 * ROI and payback: the one-off cost is the engineering days of every change step of the action plan
 * (by its effort level, `EFFORT_DAYS`) at `ENGINEERING_DAY_RATE_USD`, set against the proven
 * savings only, so the figures stay conservative. Payback days = one-off cost / proven monthly
 * savings × 30; ROI = 12 × proven monthly savings / one-off cost (yearly savings per dollar of work).
 * Both are null when there is no work or (payback) no proven saving to compare.
 * @module
 */
import { formatPercent, formatUsd } from '@netra/optimizer';
import type {
  ActionPlan,
  AnalysisReport,
  ReportSummary,
  ReportTier,
  RequestGoal,
} from '@netra/shared/contracts';
import { EFFORT_DAYS } from '#modules/agents/actions/rollout-playbook.js';

/** A loaded day of an engineer's time, in dollars (a stated assumption, shown on the report). */
export const ENGINEERING_DAY_RATE_USD = 1_000;
const DAYS_PER_MONTH = 30;
const MONTHS_PER_YEAR = 12;

/** The one-off cost of the plan's change steps (the savings-tracking step is not a change). */
export function effortCostUsd(plan: ActionPlan | null): number {
  const steps = plan?.steps.filter((step) => step.opportunity_id !== null) ?? [];
  return steps.reduce((sum, step) => sum + EFFORT_DAYS[step.effort] * ENGINEERING_DAY_RATE_USD, 0);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function roiAndPayback(provenMonthly: number, effortCost: number) {
  if (effortCost <= 0) {
    return { roi: null, payback_days: null };
  }
  return {
    roi: round((MONTHS_PER_YEAR * provenMonthly) / effortCost, 2),
    payback_days: provenMonthly > 0 ? round((effortCost / provenMonthly) * DAYS_PER_MONTH, 1) : null,
  };
}

/** The measured monthly baseline, else the stated one, else none. */
export function baselineOf(analysis: AnalysisReport, statedMonthly: number | null) {
  if (analysis.baseline.requests > 0) {
    return { baseline_monthly_usd: analysis.baseline.monthly_cost_usd, baseline_source: 'data' as const };
  }
  return statedMonthly === null
    ? { baseline_monthly_usd: 0, baseline_source: 'none' as const }
    : { baseline_monthly_usd: statedMonthly, baseline_source: 'stated' as const };
}

/** The spend the user stated per month: the goal's, else the sufficiency check's reading of it. */
export function statedMonthlySpend(goal: RequestGoal, statedBaseline: { monthly_cost_usd: number } | null) {
  return goal.stated_monthly_spend_usd ?? statedBaseline?.monthly_cost_usd ?? null;
}

const clampPct = (pct: number) => Math.min(100, Math.max(0, pct));

/** Beyond a year the day count says little; the headline says so instead. */
const PAYBACK_HORIZON_DAYS = 365;

function paybackClause(paybackDays: number | null): string {
  if (paybackDays === null) {
    return '';
  }
  return paybackDays <= PAYBACK_HORIZON_DAYS
    ? `; the work pays back in ${Math.ceil(paybackDays)} days`
    : '; the one-off work takes more than a year of proven savings to pay back';
}

export function headlineOf(tier: ReportTier, summary: Omit<ReportSummary, 'headline'>): string {
  const baseline = `${formatUsd(summary.baseline_monthly_usd)}/month`;
  if (tier === 'guidance') {
    const stated = summary.baseline_source === 'stated' ? ` Your stated spend is ${baseline}.` : '';
    return `Not enough usage data to measure savings yet: the data request below says exactly what to send.${stated}`;
  }
  if (summary.potential_monthly_savings_usd <= 0) {
    return `No savings opportunity stands out in the analyzed usage (baseline ${baseline}).`;
  }
  const proven = `${formatUsd(summary.proven_monthly_savings_usd)}/month proven (${formatPercent(summary.proven_savings_pct)} of ${baseline})`;
  const potential = `up to ${formatUsd(summary.potential_monthly_savings_usd)}/month (${formatPercent(summary.potential_savings_pct)}) with evaluation`;
  return `${proven}, ${potential}${paybackClause(summary.payback_days)}.`;
}

export interface SummaryInput {
  tier: ReportTier;
  analysis: AnalysisReport;
  actionPlan: ActionPlan | null;
  statedMonthly: number | null;
}

/** The summary with its deterministic headline. */
export function summarize({ tier, analysis, actionPlan, statedMonthly }: SummaryInput): ReportSummary {
  const { proven } = analysis.plan;
  const figures = {
    ...baselineOf(analysis, statedMonthly),
    proven_monthly_savings_usd: proven.monthly_savings_usd,
    proven_savings_pct: clampPct(proven.savings_pct),
    potential_monthly_savings_usd: analysis.plan.monthly_savings_usd,
    potential_savings_pct: clampPct(analysis.plan.savings_pct),
    ...roiAndPayback(proven.monthly_savings_usd, effortCostUsd(actionPlan)),
  };
  return { headline: headlineOf(tier, figures), ...figures };
}
