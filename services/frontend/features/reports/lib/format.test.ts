/** Unit tests of the reports' number and date formatting. */
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatDay,
  formatDays,
  formatPct,
  formatRoi,
  formatShare,
  formatUsd,
  humanize,
} from './format';

describe('formatUsd', () => {
  it('writes dollars with two decimals and thousands separators', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0.004)).toBe('$0.00');
    expect(formatUsd(0.005)).toBe('$0.01');
  });

  it('keeps a real negative sign but never prints -$0.00', () => {
    expect(formatUsd(-3.1)).toBe('-$3.10');
    expect(formatUsd(-0.001)).toBe('$0.00');
  });
});

describe('percentages and counts', () => {
  it('formats 0–100 percentages and 0–1 shares', () => {
    expect(formatPct(12.345)).toBe('12.3%');
    expect(formatPct(30, 0)).toBe('30%');
    expect(formatShare(0.629)).toBe('62.9%');
  });

  it('groups counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('dates', () => {
  it('writes the UTC day whatever the reader’s zone', () => {
    expect(formatDay('2026-12-04T23:59:00Z')).toBe('Dec 4, 2026');
    expect(formatDateTime('2026-12-04T16:41:33Z')).toBe('Dec 4, 2026, 16:41 UTC');
  });

  it('gives back text it cannot read', () => {
    expect(formatDay('soon')).toBe('soon');
  });
});

describe('labels', () => {
  it('humanizes identifiers', () => {
    expect(humanize('model_rightsizing')).toBe('Model rightsizing');
    expect(humanize('error-waste')).toBe('Error waste');
  });

  it('writes payback and ROI or a dash', () => {
    expect(formatDays(null)).toBe('—');
    expect(formatDays(0.4)).toBe('1 day');
    expect(formatDays(12.2)).toBe('13 days');
    expect(formatRoi(5.24)).toBe('5.24×');
    expect(formatRoi(0.05)).toBe('0.05×');
    expect(formatRoi(null)).toBe('—');
  });
});
