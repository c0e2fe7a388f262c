/**
 * The baseline of the report: what the usage cost over the period and per month, by model and by
 * feature, straight from the profile's segments.
 * @module
 */
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';
import { monthlyFromPeriod } from '#report-contract.js';
import type { AnalysisReport, BaselineSlice } from '#report/report.schema.js';

interface SliceTotals {
  key: string;
  provider?: string;
  requests: number;
  cost_usd: number;
  unpriced_requests: number;
}

function addUp(
  segments: readonly SegmentProfile[],
  keyOf: (segment: SegmentProfile) => { key: string; provider?: string },
): SliceTotals[] {
  const slices = new Map<string, SliceTotals>();
  for (const segment of segments) {
    const named = keyOf(segment);
    const id = `${named.provider ?? ''}\u0000${named.key}`;
    const slice = slices.get(id) ?? { ...named, requests: 0, cost_usd: 0, unpriced_requests: 0 };
    slice.requests += segment.requests;
    slice.cost_usd += segment.cost_usd;
    slice.unpriced_requests += segment.unpriced_requests;
    slices.set(id, slice);
  }
  return [...slices.values()];
}

function toSlices(totals: SliceTotals[], totalCost: number, days: number): BaselineSlice[] {
  return totals
    .map((slice) => ({
      ...slice,
      monthly_cost_usd: monthlyFromPeriod(slice.cost_usd, days),
      share_of_cost: totalCost > 0 ? Math.min(1, slice.cost_usd / totalCost) : 0,
    }))
    .sort((a, b) => b.cost_usd - a.cost_usd || b.requests - a.requests);
}

/** The report's baseline section. */
export function buildBaseline(profile: WorkloadProfile): AnalysisReport['baseline'] {
  const days = profile.period.days;
  const byModel = addUp(profile.segments, (segment) => ({ key: segment.model, provider: segment.provider }));
  const byFeature = addUp(profile.segments, (segment) => ({ key: segment.feature }));
  return {
    requests: profile.requests,
    total_cost_usd: profile.cost_usd,
    monthly_cost_usd: monthlyFromPeriod(profile.cost_usd, days),
    unpriced_requests: profile.unpriced_requests,
    by_model: toSlices(byModel, profile.cost_usd, days),
    by_feature: toSlices(byFeature, profile.cost_usd, days),
  };
}
