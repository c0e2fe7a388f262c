/**
 * The batching UsageSink: rows from many concurrent callers are buffered and written to ClickHouse
 * in large inserts, flushed when a batch is full, when the oldest row has waited long enough, and
 * on close. A caller's promise settles only after the insert holding its rows completed, so what is
 * acknowledged is durable; a failed insert (after retrying transient errors) rejects every caller
 * of that batch. One batch is in flight at a time, so no two batches race the duplicate check.
 * @module
 */
import { AppError } from '@netra/shared';
import type { UsageEventRef, UsageRepository } from './usage.repository.js';
import type { SinkResult, UsageSink } from './usage-sink.js';
import { DuplicateScreen } from './duplicate-screen.js';
import { keptRows } from './encoded-rows.js';
import type { UsageRow } from './usage-row.js';

/** What the writer needs from the store; UsageRepository provides it, tests fake it. */
export type UsageWriteTarget = Pick<
  UsageRepository,
  'encodeRows' | 'storedEventIds' | 'latestEventTimes' | 'insertEncoded' | 'isTransientError'
>;

export interface UsageWriterOptions {
  /** Flush once this many rows are pending (default 20,000). */
  maxBatchRows?: number;
  /** Flush once the oldest pending row has waited this long (default 200 ms). */
  flushIntervalMs?: number;
  /** Refuse writes beyond this many pending rows (default 10 batches): back-pressure, not memory growth. */
  maxPendingRows?: number;
  /** Attempts per store call for transient errors, the first included (default 4). */
  attempts?: number;
  /** Wait before the first retry, doubled for each further one (default 100 ms). */
  retryDelayMs?: number;
  /** Rows this process inserted remembered for duplicate screening, 16 bytes each (default 2,000,000). */
  rememberedIds?: number;
}

interface PendingWrite {
  seq: number;
  /** What the duplicate screen needs of each row; the rows themselves are not kept. */
  refs: readonly UsageEventRef[];
  /** The rows, encoded (see encoded-rows.ts). */
  encoded: Buffer;
  enqueuedAt: number;
  /** Settles with the caller's promise, never rejects: what flush() waits for. */
  settled: Promise<void>;
  resolve(result: SinkResult): void;
  reject(error: unknown): void;
}

const DEFAULTS: Required<UsageWriterOptions> = {
  maxBatchRows: 20_000,
  flushIntervalMs: 200,
  maxPendingRows: 200_000,
  attempts: 4,
  retryDelayMs: 100,
  rememberedIds: 2_000_000,
};

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

const ignore = () => undefined;

/** Buffers usage rows and writes them to ClickHouse in batches; see the module comment. */
export class UsageWriter implements UsageSink {
  readonly #target: UsageWriteTarget;
  readonly #options: Required<UsageWriterOptions>;
  readonly #queue: PendingWrite[] = [];
  #pendingRows = 0;
  #seq = 0;
  /** Writes up to this sequence number flush without waiting for a full batch or the interval. */
  #flushThrough = 0;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #closing = false;
  /** Decides which rows need the store's duplicate query (see DuplicateScreen). */
  readonly #screen: DuplicateScreen;

  constructor(target: UsageWriteTarget, options: UsageWriterOptions = {}) {
    this.#target = target;
    this.#options = { ...DEFAULTS, ...options };
    this.#screen = new DuplicateScreen(this.#options.rememberedIds);
  }

  /** Rows waiting for a flush or in the flush under way. */
  get pendingRows(): number {
    return this.#pendingRows;
  }

  /**
   * Resolves once the rows are stored (or found already stored).
   * @throws AppError 400 `unstorable_usage_row` for a row ClickHouse could not store as given,
   *   503 `usage_writer_overloaded` when too much is pending, 503 `usage_writer_closed` after close,
   *   503 `usage_store_unavailable` when ClickHouse stayed unreachable; other insert errors as raised.
   */
  async write(rows: readonly UsageRow[]): Promise<SinkResult> {
    if (rows.length === 0) {
      return { stored: 0, duplicates: 0 };
    }
    this.#admit(rows.length);
    // Encoded now, in the caller's turn, so a flush only joins buffers; a bad row fails this write alone.
    const encoded = this.#target.encodeRows(rows);
    const refs = rows.map(({ org_id, event_id, timestamp }) => ({ org_id, event_id, timestamp }));
    return await this.#enqueue(refs, encoded);
  }

  #enqueue(refs: readonly UsageEventRef[], encoded: Buffer): Promise<SinkResult> {
    let entry: Omit<PendingWrite, 'settled'> | undefined;
    const promise = new Promise<SinkResult>((resolve, reject) => {
      entry = { seq: (this.#seq += 1), refs, encoded, enqueuedAt: Date.now(), resolve, reject };
    });
    this.#queue.push({ ...(entry as Omit<PendingWrite, 'settled'>), settled: promise.then(ignore, ignore) });
    this.#pendingRows += refs.length;
    this.#schedule();
    return promise;
  }

  /** Flushes everything written so far without waiting, and resolves once all of it has settled. */
  async flush(): Promise<void> {
    const settled = this.#queue.map((write) => write.settled);
    this.#flushThrough = this.#seq;
    const inFlight = this.#inFlight;
    this.#schedule();
    await Promise.all([inFlight, ...settled]);
  }

  /** Refuses new writes, flushes everything pending, and resolves once all of it has settled. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
  }

  #admit(count: number): void {
    if (this.#closing) {
      throw new AppError(503, 'usage_writer_closed', 'Usage ingestion is shutting down', { expose: true });
    }
    // A single write larger than the limit is still taken when nothing else is pending.
    if (this.#pendingRows > 0 && this.#pendingRows + count > this.#options.maxPendingRows) {
      throw new AppError(503, 'usage_writer_overloaded', 'Usage ingestion is saturated; retry shortly', {
        expose: true,
      });
    }
  }

  #schedule(): void {
    const oldest = this.#queue[0];
    if (this.#inFlight !== undefined || oldest === undefined) {
      return;
    }
    const waited = Date.now() - oldest.enqueuedAt;
    const forced = this.#closing || oldest.seq <= this.#flushThrough;
    if (
      forced ||
      this.#pendingRows >= this.#options.maxBatchRows ||
      waited >= this.#options.flushIntervalMs
    ) {
      this.#startFlush();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#schedule();
    }, this.#options.flushIntervalMs - waited);
  }

  #startFlush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight = this.#flushBatch(this.#takeBatch()).finally(() => {
      this.#inFlight = undefined;
      this.#schedule();
    });
  }

  /** Whole writes from the head of the queue, up to a full batch (at least one write). */
  #takeBatch(): PendingWrite[] {
    const batch: PendingWrite[] = [];
    let rows = 0;
    for (let next = this.#queue[0]; next !== undefined; next = this.#queue[0]) {
      if (batch.length > 0 && rows + next.refs.length > this.#options.maxBatchRows) {
        break;
      }
      batch.push(next);
      rows += next.refs.length;
      this.#queue.shift();
    }
    return batch;
  }

  async #flushBatch(batch: readonly PendingWrite[]): Promise<void> {
    const rows = batch.reduce((sum, write) => sum + write.refs.length, 0);
    try {
      const results = await this.#persist(batch);
      this.#pendingRows -= rows;
      batch.forEach((write, index) => {
        write.resolve(results[index] ?? { stored: 0, duplicates: 0 });
      });
    } catch (error) {
      this.#pendingRows -= rows;
      for (const write of batch) {
        write.reject(error);
      }
    }
  }

  /** Drops rows repeated in the batch or already stored, inserts the rest, and counts per write. */
  async #persist(batch: readonly PendingWrite[]): Promise<SinkResult[]> {
    const firsts = firstOccurrences(batch);
    const ask = await this.#screen.screen(firsts.rows, (orgs) =>
      this.#retrying(() => this.#target.latestEventTimes(orgs)),
    );
    const stored =
      ask.length === 0
        ? new Map<string, Set<string>>()
        : await this.#retrying(() => this.#target.storedEventIds(ask));
    const parts: Buffer[] = [];
    const results = batch.map((write, w) => {
      const keep = write.refs.map(
        (row, r) => firsts.byWrite[w]?.[r] === true && stored.get(row.org_id)?.has(row.event_id) !== true,
      );
      const kept = keep.filter(Boolean).length;
      parts.push(...(kept === keep.length ? [write.encoded] : keptRows(write.encoded, keep)));
      return { stored: kept, duplicates: keep.length - kept };
    });
    const encoded = Buffer.concat(parts);
    if (encoded.length > 0) {
      await this.#retrying(() => this.#target.insertEncoded(encoded));
    }
    this.#screen.remember(firsts.rows.filter((row) => stored.get(row.org_id)?.has(row.event_id) !== true));
    return results;
  }

  async #retrying<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (!this.#target.isTransientError(error)) {
          throw error;
        }
        if (attempt >= this.#options.attempts) {
          throw new AppError(
            503,
            'usage_store_unavailable',
            'The usage store is unavailable; retry shortly',
            {
              expose: true,
              cause: error,
            },
          );
        }
        await delay(this.#options.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}

interface FirstOccurrences {
  /** Per write, per row: whether it is the first row of the batch with its (org_id, event_id). */
  byWrite: boolean[][];
  /** The first occurrences. */
  rows: UsageEventRef[];
}

function firstOccurrences(batch: readonly PendingWrite[]): FirstOccurrences {
  const seen = new Map<string, Set<string>>();
  const rows: UsageEventRef[] = [];
  const byWrite = batch.map((write) =>
    write.refs.map((row) => {
      const ids = seen.get(row.org_id) ?? new Set<string>();
      seen.set(row.org_id, ids);
      if (ids.has(row.event_id)) {
        return false;
      }
      ids.add(row.event_id);
      rows.push(row);
      return true;
    }),
  );
  return { byWrite, rows };
}
