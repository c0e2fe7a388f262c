/** Unit tests of how evidence figures read: money, percentages, shares, structures last. */
import { describe, expect, it } from 'vitest';
import { evidenceLabel, evidenceLines, evidenceText } from './evidence';

describe('evidence', () => {
  it('labels keys as words', () => {
    expect(evidenceLabel('repeat_cost_usd')).toBe('Repeat cost (USD)');
    expect(evidenceLabel('ttl_hours')).toBe('TTL hours');
    expect(evidenceLabel('input_price_per_mtok')).toBe('Input price per MTok');
  });

  it('formats values by the key’s unit', () => {
    expect(evidenceText('repeat_cost_usd', 1498.456)).toBe('$1,498.46');
    expect(evidenceText('error_pct', 12.34)).toBe('12.3%');
    expect(evidenceText('repeat_share', 0.172)).toBe('17.2%');
    expect(evidenceText('repeat_requests', 120345)).toBe('120,345');
    expect(evidenceText('candidate', 'claude-3-5-haiku')).toBe('claude-3-5-haiku');
    expect(evidenceText('streamed', false)).toBe('no');
    expect(evidenceText('missing', null)).toBe('—');
    expect(evidenceText('hours', [1, 2])).toBe('[1,2]');
  });

  it('puts scalars first and keeps the raw value', () => {
    const lines = evidenceLines({ hours: [1, 2], repeat_cost_usd: 12.5, candidate: 'x' });
    expect(lines.map((line) => [line.key, line.raw])).toEqual([
      ['repeat_cost_usd', '12.5'],
      ['candidate', 'x'],
      ['hours', '[1,2]'],
    ]);
  });
});
