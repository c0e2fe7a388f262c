import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDate, percentOf } from './format';

describe('format', () => {
  it('writes sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2_516_582)).toBe('2.4 MB');
  });

  it('writes counts, dates in UTC and whole percentages', () => {
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatDate('2026-12-04T23:30:00Z')).toBe('4 Dec 2026');
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(11, 10)).toBe(100);
  });
});
