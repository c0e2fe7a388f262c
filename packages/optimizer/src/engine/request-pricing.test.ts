import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from '#pricing/price-catalog.js';
import { request, toBatch } from './engine-fixtures.js';
import { billCost, clampedSaving, originalBill } from './request-pricing.js';

const catalog = createPriceCatalog();
const AT = new Date('2026-05-01T12:00:00Z');

// Claude Sonnet 4: $3/M input, 1-hour writes 2x = $6/M; web search $10 per 1,000.
const claude = request({
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  priced_provider: 'anthropic',
  priced_model: 'claude-sonnet-4-20250514',
  input_tokens: 1_000_000,
  cache_write_tokens: 1_000_000,
  cache_write_1h_tokens: 1_000_000,
  web_search_requests: 1_000,
});

describe('re-pricing a request keeps its 1-hour writes and web searches', () => {
  it('prices the original bill with both', () => {
    // 1,000,000 x $6/M + 1,000 x $0.01 (the 5-minute rate would give $3.75 + $0).
    expect(billCost(catalog, originalBill(claude), AT)).toBeCloseTo(6 + 10, 12);
  });

  it('keeps them through a rewritten bill', () => {
    // Batch halves the token prices only: $3 + $10.
    const batch = toBatch(originalBill(claude));
    expect(billCost(catalog, batch, AT)).toBeCloseTo(3 + 10, 12);
    // Claude Haiku 4.5: 1-hour writes at 2 x $1/M, the same $10 of searches.
    const haiku = { ...originalBill(claude), model: 'claude-haiku-4-5' };
    expect(billCost(catalog, haiku, AT)).toBeCloseTo(2 + 10, 12);
    expect(clampedSaving(16, billCost(catalog, haiku, AT))).toBeCloseTo(4, 12);
  });
});
