/**
 * The baseline by provider: the report carries slices per model (each naming its provider) and per
 * feature; the provider view adds up the model slices.
 * @module
 */
import type { BaselineSlice } from '@netra/shared/contracts';

const UNKNOWN_PROVIDER = '(unknown provider)';

/** Model slices summed per provider, largest cost first; shares stay on the same 0–1 scale. */
export function slicesByProvider(byModel: readonly BaselineSlice[]): BaselineSlice[] {
  const totals = new Map<string, BaselineSlice>();
  for (const slice of byModel) {
    const key = slice.provider ?? UNKNOWN_PROVIDER;
    const sum = totals.get(key) ?? {
      key,
      requests: 0,
      cost_usd: 0,
      monthly_cost_usd: 0,
      share_of_cost: 0,
      unpriced_requests: 0,
    };
    totals.set(key, {
      key,
      requests: sum.requests + slice.requests,
      cost_usd: sum.cost_usd + slice.cost_usd,
      monthly_cost_usd: sum.monthly_cost_usd + slice.monthly_cost_usd,
      share_of_cost: Math.min(1, sum.share_of_cost + slice.share_of_cost),
      unpriced_requests: sum.unpriced_requests + slice.unpriced_requests,
    });
  }
  return [...totals.values()].sort((a, b) => b.cost_usd - a.cost_usd || a.key.localeCompare(b.key));
}
