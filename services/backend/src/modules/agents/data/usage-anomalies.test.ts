import { describe, expect, it } from 'vitest';
import type { DailyUsage } from '#modules/agents/agent.js';
import { denseSeries, findUsageAnomalies } from './usage-anomalies.js';

const DAY_MS = 86_400_000;

/** `length` days from 2025-06-01 of steady usage, each day adjustable. */
function series(
  length: number,
  change: (index: number, day: DailyUsage) => Partial<DailyUsage> = () => ({}),
) {
  const first = Date.parse('2025-06-01T00:00:00Z');
  return Array.from({ length }, (_unused, index) => {
    const day: DailyUsage = {
      day: new Date(first + index * DAY_MS).toISOString().slice(0, 10),
      requests: 1_000,
      cost_usd: 100 + (index % 3),
      errors: 10 + (index % 2),
      p95_latency_ms: 800 + (index % 4) * 10,
    };
    return { ...day, ...change(index, day) };
  });
}

describe('usage anomalies', () => {
  it('finds nothing in steady usage', () => {
    expect(findUsageAnomalies(series(30))).toEqual([]);
  });

  it('flags a spend spike with its value, the trailing median and a robust score', () => {
    const [spike, ...rest] = findUsageAnomalies(
      series(20, (index) => (index === 15 ? { cost_usd: 400 } : {})),
    );
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ kind: 'spend_spike', day: '2025-06-16', value: 400, expected: 101 });
    expect(spike?.score).toBeGreaterThan(3.5);
    expect(spike?.message).toContain('$400.00');
  });

  it('flags an error surge and a latency regression on their own days', () => {
    const days = series(20, (index) => {
      if (index === 12) {
        return { errors: 300 };
      }
      if (index === 14) {
        return { p95_latency_ms: 2_400 };
      }
      return {};
    });
    expect(findUsageAnomalies(days).map(({ kind, day }) => ({ kind, day }))).toEqual([
      { kind: 'error_surge', day: '2025-06-13' },
      { kind: 'latency_regression', day: '2025-06-15' },
    ]);
  });

  it('does not judge a day without seven days of baseline', () => {
    expect(findUsageAnomalies(series(7, (index) => (index === 6 ? { cost_usd: 10_000 } : {})))).toEqual([]);
    expect(findUsageAnomalies(series(8, (index) => (index === 7 ? { cost_usd: 10_000 } : {})))).toHaveLength(
      1,
    );
  });

  it('ignores a rise too small to matter even on a flat series', () => {
    const flat = series(20, (index) => ({ cost_usd: index === 15 ? 100.5 : 100, p95_latency_ms: 800 }));
    expect(findUsageAnomalies(flat)).toEqual([]);
  });

  it('does not judge the error rate of a day with few requests', () => {
    const days = series(20, (index) => (index === 15 ? { requests: 10, errors: 10, cost_usd: 1 } : {}));
    expect(findUsageAnomalies(days).map((anomaly) => anomaly.kind)).toEqual([]);
  });

  it('counts days without usage as zero spend, so a return after a gap is judged against them', () => {
    const sparse = series(20).filter((_day, index) => index < 3 || index >= 19);
    const dense = denseSeries(sparse);
    expect(dense).toHaveLength(20);
    expect(dense[5]).toEqual({
      day: '2025-06-06',
      requests: 0,
      cost_usd: 0,
      errors: 0,
      p95_latency_ms: null,
    });
    expect(findUsageAnomalies(sparse).map((anomaly) => anomaly.kind)).toEqual(['spend_spike']);
    expect(denseSeries([])).toEqual([]);
  });

  it('scores a rise over a flat baseline without dividing by zero', () => {
    const flat = series(20, (index) => ({ cost_usd: index === 15 ? 200 : 100 }));
    const [spike] = findUsageAnomalies(flat);
    expect(spike?.kind).toBe('spend_spike');
    expect(Number.isFinite(spike?.score)).toBe(true);
  });
});
