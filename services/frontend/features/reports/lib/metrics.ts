/**
 * The Metrics tab's key-figures table: what was analyzed, what it costs, what the plan saves and how
 * sure the analysis is. Each row keeps its raw value for `data-value`.
 * @module
 */
import type { AnalysisReport, DataFindings, ReportSummary } from '@netra/shared/contracts';
import { formatCount, formatDays, formatPct, formatRoi, formatShare, formatUsd, humanize } from './format';
import { overviewFigures } from './overview';

export interface MetricRow {
  key: string;
  label: string;
  text: string;
  /** The number (or word) the text shows, as the API sent it. */
  value: number | string | null;
}

const usdRow = (key: string, label: string, value: number): MetricRow => ({
  key,
  label,
  value,
  text: formatUsd(value),
});
const countRow = (key: string, label: string, value: number): MetricRow => ({
  key,
  label,
  value,
  text: formatCount(value),
});

function costRows(report: AnalysisReport, summary?: ReportSummary | null): MetricRow[] {
  const figures = overviewFigures(report, summary);
  return [
    usdRow('baseline_monthly_usd', 'Baseline cost per month', figures.baselineMonthlyUsd),
    usdRow('total_cost_usd', 'Cost in the analyzed period', report.baseline.total_cost_usd),
    usdRow('proven_monthly_savings_usd', 'Proven savings per month', figures.proven.monthlyUsd),
    {
      key: 'proven_savings_pct',
      label: 'Proven savings',
      value: figures.proven.pct,
      text: formatPct(figures.proven.pct),
    },
    usdRow('potential_monthly_savings_usd', 'Potential savings per month', figures.potential.monthlyUsd),
    {
      key: 'potential_savings_pct',
      label: 'Potential savings',
      value: figures.potential.pct,
      text: formatPct(figures.potential.pct),
    },
    usdRow('plan_monthly_cost_usd', 'Cost per month with the plan', figures.planMonthlyCostUsd),
    {
      key: 'roi',
      label: 'ROI (a year of proven savings per dollar of work)',
      value: figures.roi,
      text: formatRoi(figures.roi),
    },
    {
      key: 'payback_days',
      label: 'Payback',
      value: figures.paybackDays,
      text: formatDays(figures.paybackDays),
    },
  ];
}

function dataRows(report: AnalysisReport): MetricRow[] {
  const proven = report.plan.proven.opportunity_ids.length;
  const quality = report.data_quality;
  return [
    countRow('requests', 'Requests analyzed', report.baseline.requests),
    {
      key: 'period_days',
      label: 'Days analyzed',
      value: report.period.days,
      text: formatCount(report.period.days),
    },
    countRow('unpriced_requests', 'Requests without a price', report.baseline.unpriced_requests),
    countRow('opportunities', 'Opportunities found', report.opportunities.length),
    countRow('proven_opportunities', 'Opportunities the data proves', proven),
    {
      key: 'sufficiency',
      label: 'Data sufficiency',
      value: quality.sufficiency,
      text: humanize(quality.sufficiency),
    },
    {
      key: 'completeness',
      label: 'Data completeness',
      value: quality.completeness,
      text: formatShare(quality.completeness),
    },
  ];
}

function findingRows(findings: DataFindings): MetricRow[] {
  const { profile } = findings;
  const p95 = profile.p95_latency_ms;
  return [
    {
      key: 'error_rate',
      label: 'Error rate',
      value: profile.error_rate,
      text: formatShare(profile.error_rate),
    },
    {
      key: 'p95_latency_ms',
      label: 'p95 latency',
      value: p95,
      text: p95 === null ? '—' : `${formatCount(p95)} ms`,
    },
    countRow('models', 'Models in use', profile.models),
    countRow('features', 'Features', profile.features),
  ];
}

/** The key metrics, in reading order: cost and savings, the data, then the data agent's profile. */
export function keyMetrics(
  report: AnalysisReport,
  summary?: ReportSummary | null,
  findings?: DataFindings | null,
): MetricRow[] {
  const profile = findings === null || findings === undefined ? [] : findingRows(findings);
  return [...costRows(report, summary), ...dataRows(report), ...profile];
}
