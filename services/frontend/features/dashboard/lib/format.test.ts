import { describe, expect, it } from 'vitest';
import { formatBucket, formatChangePct, formatShare, formatUsd, formatUsdAxis } from './format';

describe('format', () => {
  it('writes dollars with cents, and sub-cent amounts without rounding them to zero', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.00123)).toBe('$0.00123');
  });

  it('shortens axis dollars', () => {
    expect(formatUsdAxis(12)).toBe('$12');
    expect(formatUsdAxis(1500)).toBe('$1.5K');
  });

  it('writes shares and signed changes', () => {
    expect(formatShare(0.4567)).toBe('45.7%');
    expect(formatShare(null)).toBe('—');
    expect(formatChangePct(12.34)).toBe('+12.3%');
    expect(formatChangePct(-3)).toBe('−3.0%');
    expect(formatChangePct(31870.04)).toBe('+31,870%');
    expect(formatChangePct(null)).toBe('no earlier data');
  });

  it('labels buckets in UTC', () => {
    expect(formatBucket('2026-12-04T15:00:00Z', 'hour')).toBe('4 Dec 15:00');
    expect(formatBucket('2026-12-04T00:00:00Z', 'day')).toBe('4 Dec');
    expect(formatBucket('2026-11-30T00:00:00Z', 'week')).toBe('Week of 30 Nov');
  });
});
