/**
 * Assembles the §4.2 report from the profile, the data-quality verdict and the measured candidates:
 * monthly figures scale the period to 30 days, opportunities are ranked by dollars, and the plan
 * carries the combined saving with its proven part.
 * @module
 */
import type { Candidate } from '#analysis/candidate.js';
import type { WorkloadProfile } from '#analysis/workload-profile.js';
import { REPORT_SCHEMA_VERSION, monthlyFromPeriod } from '#report-contract.js';
import {
  analysisReportSchema,
  isProvenOpportunity,
  type AnalysisReport,
  type Opportunity,
  type PlanFigure,
} from '@netra/shared/contracts';
import { buildBaseline } from './baseline.js';
import type { DataQuality } from './sufficiency.js';

export interface ReportParts {
  profile: WorkloadProfile;
  quality: DataQuality;
  chosen: readonly Candidate[];
  savings: ReadonlyMap<string, number>;
  plan: number;
  /** The proven part of the plan, over the period. */
  proven: number;
  generatedAt: Date;
}

function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, (part / whole) * 100) : 0;
}

function planFigure(
  saving: number,
  days: number,
  baselineMonthly: number,
  opportunities: readonly Opportunity[],
): PlanFigure {
  const monthly = monthlyFromPeriod(saving, days);
  return {
    monthly_savings_usd: monthly,
    savings_pct: percentOf(monthly, baselineMonthly),
    opportunity_ids: opportunities.map((opportunity) => opportunity.id),
  };
}

function toOpportunity(
  candidate: Candidate,
  saving: number,
  days: number,
  baselineMonthly: number,
): Opportunity {
  const { change: _change, ...described } = candidate;
  const monthly = monthlyFromPeriod(saving, days);
  return {
    ...described,
    monthly_savings_usd: monthly,
    savings_pct_of_baseline: percentOf(monthly, baselineMonthly),
  };
}

/** The report; validated against its schema so a malformed analyzer output fails here, not downstream. */
export function buildReport(parts: ReportParts): AnalysisReport {
  const { profile, quality } = parts;
  const days = profile.period.days;
  const baseline = buildBaseline(profile);
  const opportunities = parts.chosen
    .map((candidate) =>
      toOpportunity(candidate, parts.savings.get(candidate.id) ?? 0, days, baseline.monthly_cost_usd),
    )
    .sort((a, b) => b.monthly_savings_usd - a.monthly_savings_usd);
  const baselineMonthly = baseline.monthly_cost_usd;
  const proven = opportunities.filter(isProvenOpportunity);
  return analysisReportSchema.parse({
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: parts.generatedAt.toISOString(),
    period: { start: profile.period.start.toISOString(), end: profile.period.end.toISOString(), days },
    baseline,
    data_quality: quality,
    opportunities,
    plan: {
      ...planFigure(parts.plan, days, baselineMonthly, opportunities),
      proven: planFigure(proven.length === 0 ? 0 : parts.proven, days, baselineMonthly, proven),
    },
  });
}
