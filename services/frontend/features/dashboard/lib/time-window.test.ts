import { describe, expect, it } from 'vitest';
import {
  customRangeOf,
  describeRange,
  effectiveBucket,
  previousPeriodLabel,
  resolveWindow,
} from './time-window';

const NOW = Date.parse('2026-12-04T16:41:34Z');

describe('resolveWindow', () => {
  it('ends a preset at the next whole UTC hour, as the backend does', () => {
    expect(resolveWindow({ kind: 'preset', preset: '14d' }, NOW)).toEqual({
      from: '2026-11-20T17:00:00.000Z',
      to: '2026-12-04T17:00:00.000Z',
    });
    expect(resolveWindow({ kind: 'preset', preset: '24h' }, NOW).from).toBe('2026-12-03T17:00:00.000Z');
  });

  it('keeps a time already on the hour', () => {
    expect(resolveWindow({ kind: 'preset', preset: '7d' }, Date.parse('2026-12-04T16:00:00Z')).to).toBe(
      '2026-12-04T16:00:00.000Z',
    );
  });

  it('covers custom dates from the first midnight to the midnight after the last day', () => {
    expect(resolveWindow({ kind: 'custom', from: '2026-11-01', to: '2026-11-30' }, NOW)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });
});

describe('effectiveBucket', () => {
  const window = (days: number) => ({
    from: new Date(NOW - days * 86_400_000).toISOString(),
    to: new Date(NOW).toISOString(),
  });

  it('picks hours for up to two days, days up to 90 and weeks beyond', () => {
    expect(effectiveBucket('auto', window(1))).toBe('hour');
    expect(effectiveBucket('auto', window(14))).toBe('day');
    expect(effectiveBucket('auto', window(200))).toBe('week');
  });

  it('keeps an explicit choice unless the backend would refuse that many buckets', () => {
    expect(effectiveBucket('hour', window(30))).toBe('hour');
    expect(effectiveBucket('hour', window(60))).toBe('day');
    expect(effectiveBucket('week', window(1))).toBe('week');
  });
});

describe('labels', () => {
  it('describes presets and custom ranges', () => {
    expect(describeRange({ kind: 'preset', preset: '30d' })).toBe('Last 30 days');
    expect(describeRange({ kind: 'custom', from: '2026-11-01', to: '2026-11-30' })).toBe(
      '1 Nov 2026 – 30 Nov 2026',
    );
    expect(describeRange({ kind: 'custom', from: '2026-11-01', to: '2026-11-01' })).toBe('1 Nov 2026');
  });

  it('names the previous period of equal length', () => {
    expect(previousPeriodLabel(resolveWindow({ kind: 'preset', preset: '24h' }, NOW))).toBe(
      'the previous 24 hours',
    );
    expect(previousPeriodLabel(resolveWindow({ kind: 'preset', preset: '14d' }, NOW))).toBe(
      'the previous 14 days',
    );
  });

  it('turns a window back into the custom days it covers', () => {
    expect(customRangeOf({ from: '2026-11-20T17:00:00.000Z', to: '2026-12-04T17:00:00.000Z' })).toEqual({
      from: '2026-11-20',
      to: '2026-12-04',
    });
  });
});
