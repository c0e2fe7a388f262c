import type { ListPrices } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import { unitsOf } from './exact-decimal.js';
import { focusRowsOf, type UsageSlice } from './focus-rows.js';

const PRICES: ListPrices = {
  input: 2.5,
  output: 10,
  cacheRead: 1.25,
  cacheWrite: null,
  cacheWrite1h: null,
  reasoning: null,
  webSearchPerThousand: null,
};
const PERIOD = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-03-02T00:00:00Z') };

function slice(overrides: Partial<UsageSlice> = {}): UsageSlice {
  return {
    orgId: 'org-1',
    day: '2025-03-01',
    provider: 'openai',
    model: 'gpt-4o-2024-08-06',
    feature: 'search',
    costSource: 'catalog',
    requests: 10,
    quantities: {
      input: 8_000,
      cache_read: 2_000,
      cache_write: 0,
      cache_write_1h: 0,
      output: 1_500,
      reasoning: 500,
      web_search: 0,
    },
    // List: 8000×2.5 + 2000×1.25 + 1500×10 + 500×10 per Mtok = $0.0425; billed at half (batch).
    costUnits: unitsOf('0.02125'),
    ...overrides,
  };
}

describe('focusRowsOf', () => {
  it('splits the cost over the token kinds used, in proportion to their list cost, re-summing exactly', () => {
    const rows = focusRowsOf(slice(), PERIOD, PRICES);
    expect(rows.map((row) => [row.x_TokenKind, row.ConsumedQuantity, row.BilledCost, row.ListCost])).toEqual([
      ['input', '8000', '0.01', '0.02'],
      ['cache_read', '2000', '0.00125', '0.0025'],
      ['output', '1500', '0.0075', '0.015'],
      ['reasoning', '500', '0.0025', '0.005'],
    ]);
    expect(rows.reduce((sum, row) => sum + unitsOf(row.EffectiveCost), 0n)).toBe(unitsOf('0.02125'));
    expect(rows[0]).toMatchObject({
      BillingCurrency: 'USD',
      BillingAccountId: 'org-1',
      ChargePeriodStart: '2025-03-01T00:00:00.000Z',
      ChargePeriodEnd: '2025-03-02T00:00:00.000Z',
      ChargeCategory: 'Usage',
      ServiceCategory: 'AI and Machine Learning',
      ProviderName: 'openai',
      ResourceId: 'openai/gpt-4o-2024-08-06',
      SkuId: 'openai/gpt-4o-2024-08-06/input',
      ConsumedUnit: 'Tokens',
      Tags: '{"feature":"search"}',
      x_CostSource: 'catalog',
    });
  });

  it('re-sums exactly when the cost does not divide evenly', () => {
    const costUnits = unitsOf('0.000000000000000007');
    const rows = focusRowsOf(slice({ costUnits }), PERIOD, PRICES);
    expect(rows.reduce((sum, row) => sum + unitsOf(row.BilledCost), 0n)).toBe(costUnits);
  });

  it('puts a stated cost on a request row of its own when the catalog has no prices', () => {
    const rows = focusRowsOf(slice({ costSource: 'reported', costUnits: unitsOf('0.5') }), PERIOD, null);
    expect(rows.map((row) => [row.x_TokenKind, row.BilledCost, row.ListCost, row.ConsumedUnit])).toEqual([
      ['input', '0', '', 'Tokens'],
      ['cache_read', '0', '', 'Tokens'],
      ['output', '0', '', 'Tokens'],
      ['reasoning', '0', '', 'Tokens'],
      ['request', '0.5', '', 'Requests'],
    ]);
    expect(rows.at(-1)?.ConsumedQuantity).toBe('10');
  });

  it('keeps unpriced usage as zero-cost rows marked unpriced', () => {
    const rows = focusRowsOf(slice({ costSource: '', costUnits: 0n, feature: '' }), PERIOD, null);
    expect(rows).toHaveLength(4);
    expect(
      rows.every((row) => row.BilledCost === '0' && row.x_CostSource === 'unpriced' && row.Tags === '{}'),
    ).toBe(true);
  });
});
