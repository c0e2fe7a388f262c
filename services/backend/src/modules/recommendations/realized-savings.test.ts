import { describe, expect, it } from 'vitest';
import {
  EMPTY_SIDE,
  measuredScope,
  realizedSavings,
  realizedWindows,
  targetMetric,
  type SideUsage,
} from './realized-savings.js';

const side = (figures: Partial<SideUsage>): SideUsage => ({ ...EMPTY_SIDE, days: 5, ...figures });

describe('realized windows', () => {
  it('compares the 30 days before the day applied with up to 30 days since, never past now', () => {
    const applied = new Date('2026-01-31T00:00:00Z');
    const early = realizedWindows(applied, new Date('2026-02-10T00:00:00Z'));
    expect(early.before).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: applied });
    expect(early.after).toEqual({ from: applied, to: new Date('2026-02-10T00:00:00Z') });
    const late = realizedWindows(applied, new Date('2026-06-01T00:00:00Z'));
    expect(late.after.to).toEqual(new Date('2026-03-02T00:00:00Z'));
  });
});

describe('realized savings', () => {
  it('waits for 3 days with usage on each side, saying which side is short', () => {
    const short = realizedSavings('batch_api', side({ days: 10 }), side({ days: 2 }));
    expect(short).toMatchObject({ status: 'not_enough_data', days_before: 10, days_after: 2, min_days: 3 });
    expect(short.status === 'not_enough_data' && short.message).toContain('2 days of usage in scope after');
    const before = realizedSavings('batch_api', side({ days: 1 }), side({ days: 9 }));
    expect(before.status === 'not_enough_data' && before.message).toContain('1 day of usage in scope before');
  });

  it('prices the traffic of now at the old unit cost, less what it costs, per month', () => {
    const before = side({ requests: 100, priced_requests: 100, cost_usd: 10, days: 10 });
    const after = side({ requests: 60, priced_requests: 50, cost_usd: 2, days: 6 });
    const realized = realizedSavings('output_length', before, after);
    expect(realized).toMatchObject({
      status: 'measured',
      before: { requests: 100, cost_usd: 10, cost_per_request_usd: 0.1, monthly_cost_usd: 30 },
      after: { requests: 60, cost_usd: 2, cost_per_request_usd: 0.04, monthly_cost_usd: 10 },
      metric: { name: 'cost_per_request_usd', before: 0.1, after: 0.04 },
    });
    // (0.10 − 0.04) × 60 requests / 6 days × 30.
    expect(realized.status === 'measured' && realized.realized_monthly_savings_usd).toBeCloseTo(18, 9);
  });

  it('reports a cost increase as a negative saving', () => {
    const before = side({ requests: 10, priced_requests: 10, cost_usd: 1 });
    const after = side({ requests: 10, priced_requests: 10, cost_usd: 2 });
    const realized = realizedSavings('context_trimming', before, after);
    expect(realized.status === 'measured' && realized.realized_monthly_savings_usd).toBeLessThan(0);
  });
});

describe('target metric', () => {
  const before = side({
    requests: 100,
    input_tokens: 1_000,
    cache_read_tokens: 0,
    batch_requests: 0,
    error_requests: 10,
    hashed_requests: 100,
    distinct_hashes: 60,
    model_requests: 100,
  });
  const after = side({
    requests: 100,
    input_tokens: 1_000,
    cache_read_tokens: 700,
    batch_requests: 80,
    error_requests: 1,
    hashed_requests: 100,
    distinct_hashes: 95,
    model_requests: 25,
  });

  it.each([
    ['prompt_caching', 'cache_read_share_of_input_tokens', 0, 0.7],
    ['batch_api', 'batch_request_share', 0, 0.8],
    ['error_waste', 'error_rate', 0.1, 0.01],
    ['model_rightsizing', 'premium_model_request_share', 1, 0.25],
    ['response_caching', 'repeat_request_share', 0.4, 0.05],
  ])('%s → %s', (kind, name, valueBefore, valueAfter) => {
    const metric = targetMetric(kind, before, after);
    expect(metric.name).toBe(name);
    expect(metric.before).toBeCloseTo(valueBefore, 9);
    expect(metric.after).toBeCloseTo(valueAfter, 9);
  });

  it('counts requests per day for response caching when prompts carry no hash', () => {
    const metric = targetMetric(
      'response_caching',
      side({ requests: 50, days: 5 }),
      side({ requests: 20, days: 4 }),
    );
    expect(metric).toEqual({ name: 'requests_per_day', before: 10, after: 5 });
  });

  it('falls back to cost per request for rightsizing when the scope names no model it saw', () => {
    expect(targetMetric('model_rightsizing', side({}), side({})).name).toBe('cost_per_request_usd');
  });
});

describe('measured scope', () => {
  it('measures a change that moves traffic off a model on its whole feature', () => {
    const scope = { feature: 'chat', model: 'gpt-4o', provider: 'openai' };
    expect(measuredScope('model_rightsizing', scope)).toEqual({ feature: 'chat' });
    expect(measuredScope('provider_arbitrage', { model: 'gpt-4o' })).toEqual({});
    expect(measuredScope('prompt_caching', scope)).toEqual(scope);
  });
});
