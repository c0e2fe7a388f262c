import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProvider } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { costBreakdown, totalCost } from './cost-engine.js';
import { compilePeriods, periodAt, rateCardAt, timeOfDayMs } from './price-periods.js';
import type { TokenUsage } from './pricing-contract.js';
import { CATALOG_PROVIDER_IDS } from './providers.js';
import { cardFor, compileBands } from './rate-card.js';

const usage = (input: number): TokenUsage => ({
  input_tokens: input,
  output_tokens: 1_000,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
});

describe('long-context bands', () => {
  const bands = compileBands({
    input_mtok: { base: 1, tiers: [{ start: 200_000, price: 2 }] },
    output_mtok: {
      base: 10,
      tiers: [
        { start: 200_000, price: 15 },
        { start: 100_000, price: 12 },
      ],
    },
    cache_read_mtok: 0.1,
  });

  it('builds one band per distinct threshold, each card holding every price in force', () => {
    expect(bands.map((band) => [band.above, band.card.input, band.card.output, band.card.cacheRead])).toEqual(
      [
        [-1, 1, 10, 0.1],
        [100_000, 1, 12, 0.1],
        [200_000, 2, 15, 0.1],
      ],
    );
  });

  it('switches tier only when the prompt is above the threshold', () => {
    expect(cardFor(bands, 100_000).output).toBe(10);
    expect(cardFor(bands, 100_001).output).toBe(12);
    expect(cardFor(bands, 200_001).input).toBe(2);
  });

  it('bills the whole request at the tier it falls in', () => {
    expect(totalCost(cardFor(bands, 250_000), usage(250_000))).toBeCloseTo(
      (250_000 * 2 + 1_000 * 15) / 1e6,
      15,
    );
  });

  it('bills unpriced token kinds the way genai-prices does', () => {
    const [band] = compileBands({ input_mtok: 3, output_mtok: 15, cache_write_mtok: 3.75 });
    expect(band?.card).toMatchObject({ cacheRead: 3, cacheWrite: 3.75, cacheWrite1h: 3.75, reasoning: 15 });
  });

  it('adds a per-request fee', () => {
    const [band] = compileBands({ input_mtok: 1, output_mtok: 1, requests_kcount: 5 });
    const card = band!.card;
    expect(costBreakdown(card, usage(0))).toMatchObject({ requestUsd: 0.005, totalUsd: 0.005 + 0.001 });
  });
});

describe('dated and daily prices', () => {
  it('reads times of day with offsets', () => {
    expect(timeOfDayMs('00:30:00Z')).toBe(30 * 60_000);
    expect(timeOfDayMs('01:30:00+01:00')).toBe(30 * 60_000);
    expect(timeOfDayMs('23:00:00-02:00')).toBe(60 * 60_000);
    expect(() => timeOfDayMs('25:00')).toThrow(/invalid time of day/);
  });

  const periods = compilePeriods([
    { prices: { input_mtok: 1, output_mtok: 2 } },
    {
      constraint: { type: 'start_date', start_date: '2026-01-01' },
      prices: { input_mtok: 3, output_mtok: 4 },
    },
    {
      constraint: { type: 'time_of_date', start_time: '16:30:00Z', end_time: '00:30:00Z' },
      prices: { input_mtok: 0.5, output_mtok: 1 },
    },
  ]);
  const inputPriceAt = (iso: string) => rateCardAt(periods, Date.parse(iso), 10).input;

  it('takes the last period whose constraint holds, the first when none does', () => {
    expect(inputPriceAt('2025-06-01T12:00:00Z')).toBe(1);
    expect(inputPriceAt('2026-01-01T00:00:00Z')).toBe(0.5);
    expect(inputPriceAt('2026-01-01T12:00:00Z')).toBe(3);
    expect(inputPriceAt('2025-06-01T23:59:00Z')).toBe(0.5);
    expect(inputPriceAt('2025-06-02T00:30:00Z')).toBe(1);
    expect(periodAt(periods, Date.parse('2025-06-01T16:30:00Z')).kind).toBe('daily');
  });
});

describe('bundled provider list', () => {
  it('names providers that genai-prices resolves, including every one in the datasets snapshot', () => {
    for (const id of CATALOG_PROVIDER_IDS) {
      expect(findProvider({ providerId: id })?.id).toBe(id);
    }
    const snapshot = join(import.meta.dirname, '../../../../datasets/prices/genai-prices_v2_data.json');
    const ids = (JSON.parse(readFileSync(snapshot, 'utf8')) as { id: string }[]).map(
      (provider) => provider.id,
    );
    expect(CATALOG_PROVIDER_IDS).toEqual(expect.arrayContaining(ids));
  });
});
