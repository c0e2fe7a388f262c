import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  hasFilters,
  isIsoDate,
  parseDashboardState,
  serializeDashboardState,
  withFilter,
  type DashboardState,
} from './url-state';

const parse = (query: string) => parseDashboardState(new URLSearchParams(query));

describe('parseDashboardState', () => {
  it('reads an empty query as the default view (the last 14 days by model, automatic bucket)', () => {
    expect(parse('')).toEqual(DEFAULT_STATE);
  });

  it('reads a preset, grouping, bucket and repeated filters', () => {
    const state = parse('range=30d&group_by=feature&bucket=week&model=gpt-4o&model=gpt-4o-mini&status=error');
    expect(state.range).toEqual({ kind: 'preset', preset: '30d' });
    expect(state.groupBy).toBe('feature');
    expect(state.bucket).toBe('week');
    expect(state.filters.model).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(state.filters.status).toEqual(['error']);
    expect(state.filters.provider).toEqual([]);
  });

  it('prefers valid custom dates over a preset', () => {
    expect(parse('range=7d&from=2026-11-01&to=2026-11-30').range).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('falls back to defaults for unknown or malformed values instead of failing', () => {
    const state = parse('range=90d&group_by=colour&bucket=minute&from=2026-02-30&to=2026-03-01&status=maybe');
    expect(state.range).toEqual(DEFAULT_STATE.range);
    expect(state.groupBy).toBe('model');
    expect(state.bucket).toBe('auto');
    expect(state.filters.status).toEqual([]);
  });

  it('refuses a custom range whose start is after its end', () => {
    expect(parse('from=2026-12-02&to=2026-12-01').range).toEqual(DEFAULT_STATE.range);
  });

  it('drops blank, repeated and over-long filter values', () => {
    const long = 'x'.repeat(257);
    expect(parse(`feature=&feature=chat&feature=chat&feature=${long}`).filters.feature).toEqual(['chat']);
  });
});

describe('serializeDashboardState', () => {
  it('writes nothing for the default view', () => {
    expect(serializeDashboardState(DEFAULT_STATE)).toBe('');
  });

  it('round-trips every part of a state', () => {
    const states: DashboardState[] = [
      {
        range: { kind: 'custom', from: '2026-11-01', to: '2026-11-07' },
        groupBy: 'user_id',
        bucket: 'hour',
        filters: {
          ...DEFAULT_STATE.filters,
          provider: ['openai', 'anthropic'],
          environment: ['prod & test'],
        },
      },
      { ...DEFAULT_STATE, range: { kind: 'preset', preset: '24h' }, groupBy: 'provider' },
    ];
    for (const state of states) {
      expect(parse(serializeDashboardState(state))).toEqual(state);
    }
  });

  it('encodes values so that reserved characters survive', () => {
    const state = withFilter(DEFAULT_STATE, 'feature', ['a&b=c']);
    expect(serializeDashboardState(state)).toBe('feature=a%26b%3Dc');
  });
});

describe('helpers', () => {
  it('tells real calendar dates apart', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('says whether any filter is set', () => {
    expect(hasFilters(DEFAULT_STATE.filters)).toBe(false);
    expect(hasFilters(withFilter(DEFAULT_STATE, 'status', ['error']).filters)).toBe(true);
  });
});
