/**
 * The headline figures of a report: proven savings first, potential beside, the baseline and the
 * monthly cost under the plan. The run report's summary is used when there is one (its figures are
 * the engine's plan, never recomputed); a bare analysis report gives the same figures from its plan.
 * @module
 */
import type { AnalysisReport, ReportSummary } from '@netra/shared/contracts';
import { formatPct, formatUsd } from './format';

export interface SavingsFigure {
  monthlyUsd: number;
  pct: number;
}

export interface OverviewFigures {
  headline: string;
  baselineMonthlyUsd: number;
  proven: SavingsFigure;
  potential: SavingsFigure;
  planMonthlyCostUsd: number;
  roi: number | null;
  paybackDays: number | null;
}

function headlineOf(baseline: number, proven: SavingsFigure, potential: SavingsFigure): string {
  const perMonth = `${formatUsd(baseline)}/month`;
  if (potential.monthlyUsd <= 0) {
    return `No savings opportunity stands out in the analyzed usage (baseline ${perMonth}).`;
  }
  return (
    `${formatUsd(proven.monthlyUsd)}/month proven (${formatPct(proven.pct)} of ${perMonth}), ` +
    `up to ${formatUsd(potential.monthlyUsd)}/month (${formatPct(potential.pct)}) with evaluation.`
  );
}

/** The Overview's figures of a report, with or without the run report's summary. */
export function overviewFigures(report: AnalysisReport, summary?: ReportSummary | null): OverviewFigures {
  const { plan } = report;
  if (summary !== null && summary !== undefined) {
    return {
      headline: summary.headline,
      baselineMonthlyUsd: summary.baseline_monthly_usd,
      proven: { monthlyUsd: summary.proven_monthly_savings_usd, pct: summary.proven_savings_pct },
      potential: { monthlyUsd: summary.potential_monthly_savings_usd, pct: summary.potential_savings_pct },
      planMonthlyCostUsd: Math.max(0, summary.baseline_monthly_usd - summary.potential_monthly_savings_usd),
      roi: summary.roi,
      paybackDays: summary.payback_days,
    };
  }
  const baseline = report.baseline.monthly_cost_usd;
  const proven = { monthlyUsd: plan.proven.monthly_savings_usd, pct: plan.proven.savings_pct };
  const potential = { monthlyUsd: plan.monthly_savings_usd, pct: plan.savings_pct };
  return {
    headline: headlineOf(baseline, proven, potential),
    baselineMonthlyUsd: baseline,
    proven,
    potential,
    planMonthlyCostUsd: Math.max(0, baseline - plan.monthly_savings_usd),
    roi: null,
    paybackDays: null,
  };
}
