import { describe, expect, it } from 'vitest';
import { aggregateEventId } from './usage-buckets.js';

const bucket = { start_time: 1730419200, end_time: 1730505600, results: [] };
const result = { model: 'gpt-4o', num_model_requests: 2, input_tokens: 100, project_name: 'alpha' };

describe('aggregateEventId', () => {
  it('hashes every column whatever the order the file lists them in', () => {
    const reordered = Object.fromEntries(Object.entries(result).reverse());
    expect(aggregateEventId('openai-usage', reordered, bucket)).toBe(
      aggregateEventId('openai-usage', result, bucket),
    );
    expect(aggregateEventId('openai-usage', result, bucket)).toMatch(/^openai-usage:[0-9a-f]{40}$/);
  });

  it('tells rows apart by any column, mapped or not, and by their bucket', () => {
    const ids = new Set([
      aggregateEventId('openai-usage', result, bucket),
      aggregateEventId('openai-usage', { ...result, project_name: 'beta' }, bucket),
      aggregateEventId('openai-usage', { ...result, num_model_requests: 3 }, bucket),
      aggregateEventId('openai-usage', result, { ...bucket, end_time: 1730422800 }),
      aggregateEventId('anthropic-usage', result, bucket),
    ]);
    expect(ids.size).toBe(5);
  });

  it('covers the bucket times a flat CSV row carries itself', () => {
    const row = { ...result, start_time: 1730419200, end_time: 1730505600 };
    const hourly = { ...row, end_time: 1730422800 };
    expect(aggregateEventId('openai-usage', hourly, hourly)).not.toBe(
      aggregateEventId('openai-usage', row, row),
    );
  });
});
