/**
 * The baseline of the report: what the usage cost over the period and per month, by model and by
 * feature, from the spend the usage source summarizes (the same figures the usage API reports).
 * @module
 */
import type { AnalysisReport, BaselineSlice } from '@netra/shared/contracts';
import type { CostFigures } from '#analysis/usage-aggregates.js';
import type { WorkloadProfile } from '#analysis/workload-profile.js';
import { monthlyFromPeriod } from '#report-contract.js';

type NamedFigures = CostFigures & { key: string; provider?: string };

function toSlices(slices: NamedFigures[], totalCost: number, days: number): BaselineSlice[] {
  return slices
    .map((slice) => ({
      ...slice,
      monthly_cost_usd: monthlyFromPeriod(slice.cost_usd, days),
      share_of_cost: totalCost > 0 ? Math.min(1, slice.cost_usd / totalCost) : 0,
    }))
    .sort((a, b) => b.cost_usd - a.cost_usd || b.requests - a.requests);
}

function figures(slice: CostFigures): CostFigures {
  return { requests: slice.requests, cost_usd: slice.cost_usd, unpriced_requests: slice.unpriced_requests };
}

/** The report's baseline section. */
export function buildBaseline(profile: WorkloadProfile): AnalysisReport['baseline'] {
  const days = profile.period.days;
  const byModel = profile.spend.by_model.map((slice) => ({
    key: slice.model,
    provider: slice.provider,
    ...figures(slice),
  }));
  const byFeature = profile.spend.by_feature.map((slice) => ({ key: slice.feature, ...figures(slice) }));
  return {
    requests: profile.requests,
    total_cost_usd: profile.cost_usd,
    monthly_cost_usd: monthlyFromPeriod(profile.cost_usd, days),
    unpriced_requests: profile.unpriced_requests,
    by_model: toSlices(byModel, profile.cost_usd, days),
    by_feature: toSlices(byFeature, profile.cost_usd, days),
  };
}
