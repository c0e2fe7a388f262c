import { parseUsageEvent } from '@netra/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
  { ...valid, request_count: 53, period_end: '2026-11-02T00:00:00Z' },
  { ...valid, period_end: 1_762_000_000_000 },
  { ...valid, period_end: valid.timestamp },
  { ...valid, request_count: 0 },
  { ...valid, cache_write_tokens: 10, cache_write_1h_tokens: 11 },
  { ...valid, web_search_requests: 2 },
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
  // Lengths count UTF-16 units, as zod's max() does: 64 emoji are 128 units, 65 are 130.
  { ...valid, event_id: '😀'.repeat(64) },
  { ...valid, event_id: '😀'.repeat(65) },
  { ...valid, tags: ['😀'.repeat(65)] },
  { ...valid, metadata: { k: '😀'.repeat(1025) } },
  { ...valid, timestamp: '1850-01-01T00:00:00Z' },
  { ...valid, timestamp: '2400-01-01T00:00:00Z' },
  { ...valid, timestamp: '1900-01-01T00:00:00Z' },
  { ...valid, timestamp: 10_413_792_000_000 },
  JSON.parse('{"timestamp": 1e400, "model": "m"}') as Record<string, unknown>,
  { ...valid, ...(JSON.parse('{"latency_ms": 1e400}') as object) },
  { ...valid, ...(JSON.parse('{"ttft_ms": 1e400}') as object) },
  { ...valid, ...(JSON.parse('{"cost_usd": 1e400}') as object) },
  { ...valid, ...(JSON.parse('{"temperature": 1e400}') as object) },
  { ...valid, ...(JSON.parse('{"input_tokens": 1e400}') as object) },
  { ...valid, input_tokens: 2 ** 60 },
];

/** JSON nested `depth` levels deep: what a hostile client may put in any field. */
function nested(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
}

describe('compileEventValidator', () => {
  it.each(variants.map((variant, index) => [index, variant] as const))(
    'variant %i is judged exactly as the zod contract judges it',
    (index, variant) => {
      const expected = parseUsageEvent(structuredClone(variant), index);
      const actual = validate(structuredClone(variant), index);
      expect(actual.ok).toBe(expected.ok);
      if (expected.ok && actual.ok) {
        expect(actual.event).toEqual(expected.event);
      } else {
        expect(actual).toEqual(expected);
      }
    },
  );

  it('rejects non-objects with the record as the field', () => {
    expect(validate(null, 4)).toEqual(parseUsageEvent(null, 4));
    expect(validate([1, 2], 5)).toMatchObject({ ok: false, rejection: { index: 5, field: 'record' } });
  });

  it('drops unknown fields, however deeply nested, as the contract does', () => {
    const record = { ...valid, unknown: nested(10_000), constructor: 'x', prototype: { a: 1 } };
    const result = validate(record, 0);
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.event).sort()).toEqual(
      Object.keys((parseUsageEvent(structuredClone(valid), 0) as { event: object }).event).sort(),
    );
  });

  it('refuses a deeply nested value in a contract field without walking it', () => {
    expect(validate({ ...valid, metadata: { a: nested(10_000) } }, 3)).toMatchObject({
      ok: false,
      rejection: { index: 3, field: 'metadata.a' },
    });
    expect(validate({ ...valid, tags: nested(10_000) }, 4)).toMatchObject({
      ok: false,
      rejection: { index: 4, field: 'tags.0' },
    });
  });
});

describe('compiling the validator', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints nothing (no ajv deprecation notice on every start)', () => {
    const printed = [
      vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      vi.spyOn(console, 'log').mockImplementation(() => undefined),
      vi.spyOn(console, 'error').mockImplementation(() => undefined),
    ];
    compileEventValidator();
    for (const spy of printed) {
      expect(spy).not.toHaveBeenCalled();
    }
  });
});
