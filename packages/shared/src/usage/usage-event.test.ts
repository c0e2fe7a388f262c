import { describe, expect, it } from 'vitest';
import { parseUsageEvent } from './usage-event.js';

const base = { timestamp: '2026-11-01T10:00:00Z', model: 'gpt-4o', input_tokens: 100, output_tokens: 20 };

describe('parseUsageEvent', () => {
  it('applies the defaults of the contract', () => {
    const result = parseUsageEvent(base, 0);
    expect(result).toMatchObject({
      ok: true,
      event: {
        operation: 'chat',
        status: 'success',
        cache_read_tokens: 0,
        batch: false,
        prefix_block_tokens: 512,
      },
    });
    expect(result.ok && result.event.timestamp.toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });

  it('accepts epoch milliseconds and refuses epoch seconds', () => {
    expect(parseUsageEvent({ ...base, timestamp: 1_762_000_000_000 }, 0).ok).toBe(true);
    expect(parseUsageEvent({ ...base, timestamp: 1_762_000_000 }, 3)).toEqual({
      ok: false,
      rejection: { index: 3, field: 'timestamp', reason: 'must be ISO-8601 text or epoch milliseconds' },
    });
  });

  it.each([
    [{ ...base, model: undefined }, 'model'],
    [{ ...base, input_tokens: -1 }, 'input_tokens'],
    [{ ...base, output_tokens: 1.5 }, 'output_tokens'],
    [{ ...base, status: 'failed' }, 'status'],
    [{ ...base, cache_read_tokens: 80, cache_write_tokens: 30 }, 'cache_read_tokens'],
    [{ ...base, reasoning_tokens: 21 }, 'reasoning_tokens'],
    [{ ...base, event_id: 'x'.repeat(129) }, 'event_id'],
    [{ ...base, timestamp: 'yesterday' }, 'timestamp'],
    [{ ...base, metadata: { a: 1 } }, 'metadata.a'],
    ['not an object', 'record'],
  ])('names the failing field of %o', (record, field) => {
    const result = parseUsageEvent(record, 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.rejection).toMatchObject({ index: 7, field });
  });
});
