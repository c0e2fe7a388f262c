import { describe, expect, it } from 'vitest';
import { parseUsageEvent, toEventTime } from './usage-event.js';

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

  it('refuses times the usage store cannot hold, naming the range', () => {
    for (const timestamp of ['1850-01-01T00:00:00Z', '2400-01-01T00:00:00Z', '1899-12-31T23:59:59.999Z']) {
      expect(parseUsageEvent({ ...base, timestamp }, 1), timestamp).toEqual({
        ok: false,
        rejection: {
          index: 1,
          field: 'timestamp',
          reason: 'must be between 1900-01-01 and 2299-12-31 (UTC)',
        },
      });
      expect(toEventTime(timestamp)).toBeUndefined();
    }
    expect(parseUsageEvent({ ...base, timestamp: Date.UTC(2300, 0, 1) }, 0).ok).toBe(false);
    expect(toEventTime('1900-01-01T00:00:00.000Z')?.getTime()).toBe(Date.UTC(1900, 0, 1));
    expect(toEventTime('2299-12-31T23:59:59.999Z')?.getTime()).toBe(Date.UTC(2300, 0, 1) - 1);
  });

  it('refuses a number that overflowed to Infinity (JSON 1e400)', () => {
    const overflowed = JSON.parse('{"latency_ms": 1e400, "ttft_ms": 1e400, "cost_usd": 1e400}') as object;
    const result = parseUsageEvent({ ...base, ...overflowed }, 2);
    expect(!result.ok && result.rejection).toMatchObject({ index: 2, field: 'latency_ms' });
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
    [{ ...base, request_count: 0 }, 'request_count'],
    [{ ...base, request_count: 2 ** 32 }, 'request_count'],
    [{ ...base, web_search_requests: -1 }, 'web_search_requests'],
    [{ ...base, cache_write_tokens: 10, cache_write_1h_tokens: 11 }, 'cache_write_1h_tokens'],
    [{ ...base, period_end: 'tomorrow' }, 'period_end'],
    [{ ...base, period_end: base.timestamp }, 'period_end'],
    ['not an object', 'record'],
  ])('names the failing field of %o', (record, field) => {
    const result = parseUsageEvent(record, 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.rejection).toMatchObject({ index: 7, field });
  });
});

describe('aggregated records', () => {
  it('stand for one request with no bucket end by default', () => {
    const result = parseUsageEvent(base, 0);
    expect(result.ok && result.event).toMatchObject({
      request_count: 1,
      cache_write_1h_tokens: 0,
      web_search_requests: 0,
    });
    expect(result.ok && result.event.period_end).toBeUndefined();
  });

  it('read the request count and the bucket end like the timestamp', () => {
    const result = parseUsageEvent(
      {
        ...base,
        request_count: 53,
        period_end: Date.parse('2026-11-02T10:00:00Z'),
        cache_write_tokens: 40,
        cache_write_1h_tokens: 40,
        web_search_requests: 3,
      },
      0,
    );
    expect(result.ok && result.event).toMatchObject({
      request_count: 53,
      period_end: new Date('2026-11-02T10:00:00Z'),
      cache_write_1h_tokens: 40,
      web_search_requests: 3,
    });
  });

  it('name the rule a bucket end before its start breaks', () => {
    const result = parseUsageEvent({ ...base, period_end: '2026-11-01T09:00:00Z' }, 4);
    expect(!result.ok && result.rejection).toEqual({
      index: 4,
      field: 'period_end',
      reason: 'must be later than timestamp (the bucket start)',
    });
  });
});
