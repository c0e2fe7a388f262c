import { describe, expect, it } from 'vitest';
import { profile, segment } from './engine-fixtures.js';
import { allowsClaims, assessDataQuality } from './sufficiency.js';

describe('assessDataQuality', () => {
  it('calls complete data over a week sufficient with nothing missing', () => {
    const quality = assessDataQuality(profile());
    expect(quality).toMatchObject({ sufficiency: 'sufficient', completeness: 1, missing: [] });
  });

  it('calls an empty data set insufficient, with every signal missing and no claims allowed', () => {
    const quality = assessDataQuality(profile({ segments: [], requests: 0 }));
    expect(quality.sufficiency).toBe('insufficient');
    expect(quality.completeness).toBe(0);
    expect(quality.missing.map((item) => item.field)).toContain('events');
    expect(allowsClaims(quality)).toBe(false);
  });

  it('names missing hashes and why they matter, and scores them down to partial', () => {
    const quality = assessDataQuality(
      profile({
        coverage: {
          tokens: 1,
          latency: 0,
          status: 1,
          feature: 0,
          prompt_hash: 0,
          prefix_hashes: 0,
          prompt: 0,
          priced: 1,
        },
      }),
    );
    expect(quality.sufficiency).toBe('partial');
    // latency 0.05 + feature 0.1 + the two hashes 0.1 each are missing.
    expect(quality.completeness).toBeCloseTo(0.65, 9);
    const missing = new Map(quality.missing.map((item) => [item.field, item.why]));
    expect(missing.get('prompt_hash')).toMatch(/no response-caching claims/);
    expect(missing.get('prefix_hashes')).toMatch(/no prompt-caching claims/);
    expect(missing.has('tokens')).toBe(false);
  });

  it('scores one day of data as a partial period', () => {
    const oneDay = profile({ period: { start: new Date(0), end: new Date(86_400_000), days: 1 } });
    const quality = assessDataQuality(oneDay);
    expect(quality.missing.map((item) => item.field)).toEqual(['period']);
    expect(quality.completeness).toBeCloseTo(1 - 0.15 * (6 / 7), 3);
    expect(quality.notes.join(' ')).toContain('1.00 days to 30 days');
  });

  it('refuses claims with fewer than 50 requests or no priced request', () => {
    expect(assessDataQuality(profile({ segments: [segment({ requests: 49 })] })).sufficiency).toBe(
      'insufficient',
    );
    const unpriced = profile({
      coverage: {
        tokens: 1,
        latency: 1,
        status: 1,
        feature: 1,
        prompt_hash: 1,
        prefix_hashes: 1,
        prompt: 0,
        priced: 0,
      },
    });
    expect(allowsClaims(assessDataQuality(unpriced))).toBe(false);
  });

  it('says the data is aggregated, which rows gave no request count, and which costs the source stated', () => {
    const origins = {
      aggregated_requests: 800,
      uncounted_requests: 12,
      reported_cost_requests: 40,
      reported_cost_usd: 3.5,
    };
    const notes = assessDataQuality(profile({ origins })).notes.join('\n');
    expect(notes).toContain('The data is aggregated: 800 of 1,000 requests come from usage-report rows');
    expect(notes).toContain('12 requests come from rows whose source reports no request count');
    expect(notes).toContain(
      '40 requests are on models the price catalog does not know; their cost ($3.50) is the cost the source stated',
    );
  });

  it('says nothing of aggregates or stated costs for request-level, catalog-priced data', () => {
    const notes = assessDataQuality(profile()).notes.join('\n');
    expect(notes).not.toMatch(/aggregated|no request count|source stated/);
  });
});
