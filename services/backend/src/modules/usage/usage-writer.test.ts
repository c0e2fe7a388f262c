import { isAppError } from '@netra/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usageRow, usageRows } from '#test-support/clickhouse-test-support.js';
import type { EventIdsByOrg, UsageEventRef } from './usage.repository.js';
import type { UsageRow } from './usage-row.js';
import { UsageWriter, type UsageWriteTarget } from './usage-writer.js';

/** A deferred insert outcome the test settles by hand. */
interface Gate {
  open(): void;
  fail(error: unknown): void;
}

class TransientError extends Error {}

/** An in-memory target: records every insert, can hold inserts open and fail them on demand. */
class FakeTarget implements UsageWriteTarget {
  readonly inserts: string[][] = [];
  readonly stored = new Map<string, Set<string>>();
  readonly gates: Gate[] = [];
  /** Errors the next insert attempts throw, in order. */
  readonly failures: Error[] = [];
  holdInserts = false;

  encodeRows(rows: readonly UsageRow[]): Buffer {
    if (rows.some((row) => row.model === 'unstorable')) {
      throw new Error('cannot encode');
    }
    return Buffer.from(rows.map((row) => `${row.org_id}/${row.event_id}\n`).join(''));
  }

  isTransientError(error: unknown): boolean {
    return error instanceof TransientError;
  }

  /** Orgs for which latestEventTimes reports a newest event time (the rest have none). */
  readonly latest = new Map<string, number>();
  storedQueries = 0;

  latestEventTimes(orgIds: readonly string[]): Promise<Map<string, number>> {
    // Without an explicit time, an org with stored rows reports "everything may be stored" so the
    // duplicate query always runs, as the tests of duplicate handling expect.
    const times = orgIds.flatMap((org) => {
      const time = this.latest.get(org) ?? (this.stored.has(org) ? Number.POSITIVE_INFINITY : undefined);
      return time === undefined ? [] : [[org, time] as const];
    });
    return Promise.resolve(new Map(times));
  }

  storedEventIds(events: readonly UsageEventRef[]): Promise<EventIdsByOrg> {
    this.storedQueries += 1;
    const found: EventIdsByOrg = new Map();
    for (const { org_id, event_id } of events) {
      if (this.stored.get(org_id)?.has(event_id) === true) {
        found.set(org_id, (found.get(org_id) ?? new Set<string>()).add(event_id));
      }
    }
    return Promise.resolve(found);
  }

  async insertEncoded(encoded: Buffer): Promise<void> {
    const lines = encoded.toString('utf8').split('\n').slice(0, -1);
    const failure = this.failures.shift();
    if (failure !== undefined) {
      throw failure;
    }
    if (this.holdInserts) {
      await new Promise<void>((resolve, reject) => this.gates.push({ open: resolve, fail: reject }));
    }
    this.inserts.push(lines);
    for (const line of lines) {
      const [orgId = '', eventId = ''] = line.split('/');
      const ids = this.stored.get(orgId) ?? new Set<string>();
      ids.add(eventId);
      this.stored.set(orgId, ids);
    }
  }
}

/** Lets pending promise callbacks run (the writer's flush is a chain of awaits). */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    await Promise.resolve();
  }
}

function track<T>(promise: Promise<T>): { readonly settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('UsageWriter batching', () => {
  it('flushes as soon as a batch is full, without waiting for the interval', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 10, flushIntervalMs: 3_600_000 });
    await expect(writer.write(usageRows('org_a', 10))).resolves.toEqual({ stored: 10, duplicates: 0 });
    expect(target.inserts).toHaveLength(1);
    await writer.close();
  });

  it('flushes a partial batch once the oldest row has waited the interval', async () => {
    vi.useFakeTimers();
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 1_000, flushIntervalMs: 200 });
    const first = writer.write(usageRows('org_a', 3));
    await vi.advanceTimersByTimeAsync(100);
    const second = writer.write(usageRows('org_b', 2));
    await vi.advanceTimersByTimeAsync(99);
    expect(target.inserts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(Promise.all([first, second])).resolves.toEqual([
      { stored: 3, duplicates: 0 },
      { stored: 2, duplicates: 0 },
    ]);
    expect(target.inserts).toEqual([
      [expect.any(String), expect.any(String), expect.any(String), expect.any(String), expect.any(String)],
    ]);
  });

  it('never splits a write and takes whole writes up to the batch size', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 10, flushIntervalMs: 3_600_000 });
    const writes = [6, 6, 25].map((count) => writer.write(usageRows('org_a', count)));
    await writer.flush();
    await Promise.all(writes);
    expect(target.inserts.map((lines) => lines.length)).toEqual([6, 6, 25]);
  });

  it('flushes everything on close and refuses writes afterwards', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 1_000, flushIntervalMs: 3_600_000 });
    const pending = [writer.write(usageRows('org_a', 4)), writer.write(usageRows('org_b', 5))];
    await writer.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    expect(target.inserts.flat()).toHaveLength(9);
    const refused = await writer.write(usageRows('org_a', 1)).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('usage_writer_closed');
  });

  it('acknowledges a write only after the insert holding its rows completed', async () => {
    const target = new FakeTarget();
    target.holdInserts = true;
    const writer = new UsageWriter(target, { maxBatchRows: 5 });
    const write = writer.write(usageRows('org_a', 5));
    const state = track(write);
    await settle();
    expect(target.gates).toHaveLength(1);
    expect(state.settled).toBe(false);
    target.gates[0]?.open();
    await expect(write).resolves.toEqual({ stored: 5, duplicates: 0 });
  });

  it('keeps one batch in flight: the next insert starts only after the previous one completed', async () => {
    const target = new FakeTarget();
    target.holdInserts = true;
    const writer = new UsageWriter(target, { maxBatchRows: 5 });
    const first = writer.write(usageRows('org_a', 5));
    const second = writer.write(usageRows('org_a', 5));
    await settle();
    expect(target.gates).toHaveLength(1);
    target.gates[0]?.open();
    await first;
    await settle();
    expect(target.gates).toHaveLength(2);
    target.gates[1]?.open();
    await expect(second).resolves.toEqual({ stored: 5, duplicates: 0 });
  });
});

describe('UsageWriter duplicates', () => {
  it('stores a row repeated inside a write, or across writes of one batch, once', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 100, flushIntervalMs: 3_600_000 });
    const [a, b] = usageRows('org_a', 2) as [UsageRow, UsageRow];
    const first = writer.write([a, b, { ...a }]);
    const second = writer.write([{ ...b }, usageRow({ org_id: 'org_a' })]);
    await writer.flush();
    await expect(first).resolves.toEqual({ stored: 2, duplicates: 1 });
    await expect(second).resolves.toEqual({ stored: 1, duplicates: 1 });
    expect(target.inserts.flat()).toHaveLength(3);
  });

  it('counts rows already stored as duplicates and never inserts them again', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 100, flushIntervalMs: 3_600_000 });
    const rows = usageRows('org_a', 4);
    const first = writer.write(rows);
    await writer.flush();
    await expect(first).resolves.toEqual({ stored: 4, duplicates: 0 });
    const again = writer.write([...rows, usageRow({ org_id: 'org_a' })]);
    await writer.flush();
    await expect(again).resolves.toEqual({ stored: 1, duplicates: 4 });
    expect(target.inserts.flat()).toHaveLength(5);
  });

  it('queries for duplicates only for rows not newer than what is already stored', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 100, flushIntervalMs: 3_600_000 });
    const old = usageRow({ org_id: 'org_w', timestamp: new Date('2026-01-01T00:00:00Z') });
    const fresh = usageRow({ org_id: 'org_w', timestamp: new Date('2026-06-01T00:00:00Z') });
    target.latest.set('org_w', Date.parse('2026-03-01T00:00:00Z'));
    const newer = writer.write([fresh]);
    await writer.flush();
    await expect(newer).resolves.toEqual({ stored: 1, duplicates: 0 });
    expect(target.storedQueries).toBe(0);
    const older = writer.write([old]);
    await writer.flush();
    await expect(older).resolves.toEqual({ stored: 1, duplicates: 0 });
    expect(target.storedQueries).toBe(1);
    // The mark advanced past the fresh row: re-sending it is recognized as a duplicate.
    const resent = writer.write([{ ...fresh }]);
    await writer.flush();
    await expect(resent).resolves.toEqual({ stored: 0, duplicates: 1 });
  });

  it('treats the same event id in two organizations as two events', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 2 });
    const shared = usageRow({ org_id: 'org_a' });
    await expect(writer.write([shared, { ...shared, org_id: 'org_b' }])).resolves.toEqual({
      stored: 2,
      duplicates: 0,
    });
  });
});

describe('UsageWriter failures', () => {
  it('rejects every write of a failed batch and keeps serving later ones', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 100, flushIntervalMs: 3_600_000 });
    const failure = new Error('Code: 62. DB::Exception: Syntax error');
    target.failures.push(failure);
    const doomed = [writer.write(usageRows('org_a', 2)), writer.write(usageRows('org_b', 3))];
    await writer.flush();
    for (const write of doomed) {
      await expect(write).rejects.toBe(failure);
    }
    const later = writer.write(usageRows('org_a', 1));
    await writer.flush();
    await expect(later).resolves.toEqual({ stored: 1, duplicates: 0 });
    expect(target.inserts.flat()).toHaveLength(1);
  });

  it('retries transient errors and succeeds without the caller noticing', async () => {
    const target = new FakeTarget();
    target.failures.push(new TransientError('ECONNRESET'), new TransientError('ECONNRESET'));
    const writer = new UsageWriter(target, { maxBatchRows: 3, retryDelayMs: 1 });
    await expect(writer.write(usageRows('org_a', 3))).resolves.toEqual({ stored: 3, duplicates: 0 });
    expect(target.inserts).toHaveLength(1);
  });

  it('gives up after the last attempt with a 503 the caller can answer with', async () => {
    const target = new FakeTarget();
    const cause = new TransientError('socket hang up');
    target.failures.push(cause, cause, cause);
    const writer = new UsageWriter(target, { maxBatchRows: 1, retryDelayMs: 1, attempts: 3 });
    const error = await writer.write(usageRows('org_a', 1)).catch((caught: unknown) => caught);
    expect(isAppError(error) && [error.status, error.code, error.cause]).toEqual([
      503,
      'usage_store_unavailable',
      cause,
    ]);
    expect(target.inserts).toHaveLength(0);
  });

  it('refuses a write whose row cannot be encoded, without touching other callers', async () => {
    const target = new FakeTarget();
    const writer = new UsageWriter(target, { maxBatchRows: 100, flushIntervalMs: 3_600_000 });
    const good = writer.write(usageRows('org_a', 2));
    await expect(writer.write([usageRow({ model: 'unstorable' })])).rejects.toThrow('cannot encode');
    await writer.flush();
    await expect(good).resolves.toEqual({ stored: 2, duplicates: 0 });
  });

  it('refuses writes beyond the pending limit instead of buffering without bound', async () => {
    const target = new FakeTarget();
    target.holdInserts = true;
    const writer = new UsageWriter(target, { maxBatchRows: 5, maxPendingRows: 8 });
    const first = writer.write(usageRows('org_a', 5));
    const refused = await writer.write(usageRows('org_a', 4)).catch((error: unknown) => error);
    expect(isAppError(refused) && [refused.status, refused.code]).toEqual([503, 'usage_writer_overloaded']);
    await settle();
    target.gates[0]?.open();
    await first;
    expect(writer.pendingRows).toBe(0);
  });
});
