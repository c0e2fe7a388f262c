/** Unit tests of the provider view of the baseline. */
import type { BaselineSlice } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { slicesByProvider } from './slices';

function slice(key: string, provider: string | undefined, cost: number, share: number): BaselineSlice {
  return {
    key,
    ...(provider === undefined ? {} : { provider }),
    requests: 10,
    cost_usd: cost,
    monthly_cost_usd: cost * 2,
    share_of_cost: share,
    unpriced_requests: 1,
  };
}

describe('slicesByProvider', () => {
  it('adds up the models of each provider, largest cost first', () => {
    const rows = slicesByProvider([
      slice('gpt-4o', 'openai', 10, 0.1),
      slice('claude', 'anthropic', 60, 0.6),
      slice('gpt-4o-mini', 'openai', 20, 0.2),
      slice('mystery', undefined, 10, 0.1),
    ]);
    expect(
      rows.map((row) => [row.key, row.requests, row.cost_usd, row.monthly_cost_usd, row.unpriced_requests]),
    ).toEqual([
      ['anthropic', 10, 60, 120, 1],
      ['openai', 20, 30, 60, 2],
      ['(unknown provider)', 10, 10, 20, 1],
    ]);
    expect(rows[1]?.share_of_cost).toBeCloseTo(0.3, 10);
  });

  it('is empty without model slices', () => {
    expect(slicesByProvider([])).toEqual([]);
  });
});
