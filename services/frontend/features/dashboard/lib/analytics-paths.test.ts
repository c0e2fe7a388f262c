import { describe, expect, it } from 'vitest';
import { alertsPath, spendPath, summaryPath } from './analytics-paths';
import { EMPTY_FILTERS } from './url-state';

const window = { from: '2026-11-20T17:00:00.000Z', to: '2026-12-04T17:00:00.000Z' };
const ORG = '0b0e7c1e-1111-4222-8333-444455556666';

describe('analytics paths', () => {
  it('asks for spend with the window, bucket, grouping, limit and repeated filters', () => {
    const path = spendPath(ORG, {
      window,
      bucket: 'day',
      groupBy: 'model',
      filters: { ...EMPTY_FILTERS, provider: ['openai', 'anthropic'], status: ['error'] },
    });
    const url = new URL(path, 'http://x');
    expect(url.pathname).toBe(`/api/v1/orgs/${ORG}/analytics/spend`);
    expect(url.searchParams.get('from')).toBe(window.from);
    expect(url.searchParams.get('bucket')).toBe('day');
    expect(url.searchParams.get('group_by')).toBe('model');
    expect(url.searchParams.get('limit')).toBe('8');
    expect(url.searchParams.getAll('provider')).toEqual(['openai', 'anthropic']);
    expect(url.searchParams.getAll('status')).toEqual(['error']);
  });

  it('leaves grouping and limit out of an ungrouped call', () => {
    const url = new URL(
      spendPath(ORG, { window, bucket: 'hour', groupBy: null, filters: EMPTY_FILTERS }),
      'http://x',
    );
    expect(url.searchParams.has('group_by')).toBe(false);
    expect(url.searchParams.has('limit')).toBe(false);
  });

  it('asks for the summary and the alerts', () => {
    expect(summaryPath(ORG, window, EMPTY_FILTERS)).toBe(
      `/api/v1/orgs/${ORG}/analytics/summary?from=2026-11-20T17%3A00%3A00.000Z&to=2026-12-04T17%3A00%3A00.000Z`,
    );
    expect(alertsPath(ORG)).toBe(`/api/v1/orgs/${ORG}/alerts?limit=10`);
  });
});
