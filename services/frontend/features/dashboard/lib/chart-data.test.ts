import type { SpendAnswer, SpendFigures } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { seriesInfos, spendRows, usageRows } from './chart-data';

const zero: SpendFigures = {
  spend_usd: 0,
  requests: 0,
  unpriced_requests: 0,
  error_requests: 0,
  error_spend_usd: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};

const point = (bucket: string, spend: number, requests: number) => ({
  ...zero,
  bucket,
  spend_usd: spend,
  requests,
  input_tokens: requests * 100,
  output_tokens: requests * 10,
});

const answer: SpendAnswer = {
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-04T00:00:00Z',
  bucket: 'day',
  group_by: 'model',
  source: 'usage_daily',
  buckets: ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'],
  groups: 4,
  series: [
    {
      key: 'gpt-4.1',
      other: false,
      totals: { ...zero, spend_usd: 5 },
      points: [point('2026-12-01T00:00:00.000Z', 2, 3), point('2026-12-03T00:00:00Z', 3, 1)],
    },
    {
      key: '',
      other: false,
      totals: { ...zero, spend_usd: 1 },
      points: [point('2026-12-02T00:00:00Z', 1, 2)],
    },
    {
      key: null,
      other: true,
      totals: { ...zero, spend_usd: 0.5 },
      points: [point('2026-12-03T00:00:00Z', 0.5, 4)],
    },
  ],
  totals: zero,
};

describe('chart data', () => {
  it('names the series by group value, "none" and Other, with dot-free column ids', () => {
    expect(seriesInfos(answer, 'model')).toEqual([
      { id: 's0', label: 'gpt-4.1', spendUsd: 5, other: false },
      { id: 's1', label: '(no model)', spendUsd: 1, other: false },
      { id: 's2', label: 'Other (2 more)', spendUsd: 0.5, other: true },
    ]);
  });

  it('fills every bucket of the window, empty ones with zeros', () => {
    expect(spendRows(answer)).toEqual([
      { bucket: '2026-12-01T00:00:00Z', s0: 2, s1: 0, s2: 0 },
      { bucket: '2026-12-02T00:00:00Z', s0: 0, s1: 1, s2: 0 },
      { bucket: '2026-12-03T00:00:00Z', s0: 3, s1: 0, s2: 0.5 },
    ]);
  });

  it('sums tokens and requests over the series per bucket', () => {
    const rows = usageRows(answer);
    expect(rows.map((row) => row.requests)).toEqual([3, 2, 5]);
    expect(rows[2]).toMatchObject({ inputTokens: 500, outputTokens: 50 });
  });

  it('calls the single series of an ungrouped answer "All usage"', () => {
    const ungrouped = { ...answer, group_by: null, series: [{ ...answer.series[0]!, key: null }] };
    expect(seriesInfos(ungrouped, null)[0]?.label).toBe('All usage');
  });
});
