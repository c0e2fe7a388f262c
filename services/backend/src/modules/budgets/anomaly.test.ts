import { describe, expect, it } from 'vitest';
import type { DailySliceSpend } from '#modules/usage/usage-scope-spend.js';
import { findAnomalies, judge, median } from './anomaly.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-31T12:00:00Z');

/** 28 days up to NOW's day: cost and errors per day from the callbacks, 100 requests a day. */
function series(
  cost: (index: number) => number,
  errors: (index: number) => number = () => 2,
): DailySliceSpend[] {
  const first = Date.parse('2026-03-04T00:00:00Z');
  return Array.from({ length: 28 }, (_unused, index) => ({
    day: new Date(first + index * DAY_MS).toISOString().slice(0, 10),
    cost_usd: cost(index),
    requests: 100,
    error_requests: errors(index),
  }));
}

describe('robust screen', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('flags a value whose modified z-score passes 3.5 and that rose by the minimum change', () => {
    const baseline = [10, 11, 12, 10, 11, 12, 10, 11, 12, 10, 11, 12, 10, 11];
    expect(judge(50, baseline, 1)).toMatchObject({ anomalous: true, median: 11, mad: 1 });
    expect(judge(14, baseline, 1).anomalous).toBe(false);
    expect(judge(50, baseline, 100).anomalous).toBe(false);
    expect(judge(1, baseline, 1).anomalous).toBe(false);
  });

  it('is not thrown off by an earlier spike in the baseline', () => {
    const baseline = [10, 11, 12, 500, 11, 12, 10, 11, 12, 10, 11, 12, 10, 11];
    expect(judge(50, baseline, 1)).toMatchObject({ anomalous: true, median: 11 });
  });

  it('judges a flat baseline (MAD 0) by the minimum change alone', () => {
    const flat = Array.from({ length: 14 }, () => 10);
    expect(judge(10.5, flat, 1)).toMatchObject({ anomalous: false, robustZ: null });
    expect(judge(12, flat, 1)).toMatchObject({ anomalous: true, robustZ: null });
  });
});

describe('anomalies of a daily series', () => {
  it('finds a planted spend day and error-rate day and nothing else', () => {
    const found = findAnomalies(
      series(
        (index) => (index === 20 ? 55 : 10 + (index % 3)),
        (index) => (index === 24 ? 40 : 2),
      ),
      NOW,
    );
    expect(found.map((finding) => `${finding.kind} ${finding.day}`)).toEqual([
      'spend_anomaly 2026-03-24',
      'error_rate_anomaly 2026-03-28',
    ]);
  });

  it('judges nothing without seven days of baseline', () => {
    const young = series((index) => (index === 27 ? 1_000 : 10)).slice(-7);
    expect(findAnomalies(young, NOW)).toEqual([]);
  });

  it('ignores the error rate of a day with too few requests to mean anything', () => {
    const rows = series(() => 10).map((row) =>
      row.day === '2026-03-31' ? { ...row, requests: 5, error_requests: 5 } : row,
    );
    expect(findAnomalies(rows, NOW)).toEqual([]);
  });

  it('never flags a drop', () => {
    expect(
      findAnomalies(
        series((index) => (index === 25 ? 0 : 10 + (index % 3))),
        NOW,
      ),
    ).toEqual([]);
  });
});
