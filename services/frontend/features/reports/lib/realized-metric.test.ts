/** Unit tests of how the realized-savings metric reads. */
import { describe, expect, it } from 'vitest';
import { metricLabel, metricValue } from './realized-metric';

describe('realized metric', () => {
  it('labels the metric in words', () => {
    expect(metricLabel('cache_read_share_of_input_tokens')).toBe('Cache read share of input tokens');
    expect(metricLabel('cost_per_request_usd')).toBe('Cost per request');
  });

  it('writes shares and rates as percentages, unit costs with five decimals', () => {
    expect(metricValue('cache_read_share_of_input_tokens', 0.629)).toBe('62.9%');
    expect(metricValue('error_rate', 0.0213)).toBe('2.1%');
    expect(metricValue('cost_per_request_usd', 0.0118)).toBe('$0.01180');
    expect(metricValue('requests_per_day', 1234.567)).toBe('1,234.57');
  });
});
