import { parseUsageEvent } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { compileEventValidator } from './event-validator.js';

const validate = compileEventValidator();

const valid = {
  event_id: 'evt-1',
  timestamp: '2026-11-01T10:00:00.123Z',
  provider: 'openai',
  model: 'gpt-4o-2024-08-06',
  input_tokens: 1200,
  output_tokens: 150,
  cache_read_tokens: 512,
  reasoning_tokens: 20,
  latency_ms: 812.5,
  status: 'success',
  feature: 'summarize',
  tags: ['a'],
  metadata: { team: 'x' },
  prefix_hashes: ['h0', 'h1'],
};

/** Variants around the contract's edges: each must be judged the same by both paths. */
const variants: Record<string, unknown>[] = [
  valid,
  { timestamp: 1_762_000_000_000, model: 'm' },
  { timestamp: 1_762_000_000, model: 'm' },
  { timestamp: 'not a date', model: 'm' },
  { timestamp: '2026-11-01', model: 'm', input_tokens: 0 },
  { ...valid, model: '' },
  { ...valid, model: undefined },
  { ...valid, input_tokens: -1 },
  { ...valid, input_tokens: 1.5 },
  { ...valid, input_tokens: '12' },
  { ...valid, cache_read_tokens: 1000, cache_write_tokens: 300 },
  { ...valid, reasoning_tokens: 151 },
  { ...valid, status: 'failed' },
  { ...valid, event_id: 'x'.repeat(128) },
  { ...valid, event_id: 'x'.repeat(129) },
  { ...valid, event_id: '' },
  { ...valid, metadata: { a: 1 } },
  { ...valid, metadata: { ['k'.repeat(129)]: 'v' } },
  { ...valid, tags: ['t'.repeat(129)] },
  { ...valid, temperature: 11 },
  { ...valid, batch: 'yes' },
  { ...valid, prefix_block_tokens: 0 },
  { ...valid, unknown_field: 'ignored' },
  { ...valid, latency_ms: -5 },
  { ...valid, cost_usd: 0.0123 },
];

describe('compileEventValidator', () => {
  it.each(variants.map((variant, index) => [index, variant] as const))(
    'variant %i is judged exactly as the zod contract judges it',
    (index, variant) => {
      const expected = parseUsageEvent(structuredClone(variant), index);
      const actual = validate(structuredClone(variant), index);
      expect(actual.ok).toBe(expected.ok);
      if (expected.ok && actual.ok) {
        // Unknown fields may stay on the fast path's object; every contract field must match.
        for (const [key, value] of Object.entries(expected.event)) {
          expect((actual.event as Record<string, unknown>)[key], key).toEqual(value);
        }
      } else {
        expect(actual).toEqual(expected);
      }
    },
  );

  it('rejects non-objects with the record as the field', () => {
    expect(validate(null, 4)).toEqual(parseUsageEvent(null, 4));
    expect(validate([1, 2], 5)).toMatchObject({ ok: false, rejection: { index: 5, field: 'record' } });
  });
});
