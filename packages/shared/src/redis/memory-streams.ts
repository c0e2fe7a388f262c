import type { StreamAppendOptions, StreamEntry, StreamRangeOptions, StreamReadOptions } from './hot-store.js';
import {
  compareStreamIds,
  explicitStreamId,
  formatStreamId,
  nextStreamId,
  parseStreamId,
  ZERO_STREAM_ID,
  type StreamId,
} from './stream-id.js';

interface StoredEntry {
  id: StreamId;
  entry: StreamEntry;
}

interface Stream {
  /** Ascending by id. */
  entries: StoredEntry[];
  /** The greatest id ever given out; trimming never lowers it, as in Redis. */
  last: StreamId;
  expiresAt: number | undefined;
}

interface Waiter {
  key: string;
  after: StreamId;
  count: number | undefined;
  resolve: (entries: StreamEntry[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

function copy(stored: StoredEntry): StreamEntry {
  return { id: stored.entry.id, fields: { ...stored.entry.fields } };
}

/** The index of the first entry whose id is greater than `after` (binary search: entries ascend). */
function firstAfter(entries: readonly StoredEntry[], after: StreamId): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = entries[middle];
    if (entry !== undefined && compareStreamIds(entry.id, after) <= 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** The streams of the in-process hot tier, with the semantics of Redis streams (XADD, XRANGE, XREAD BLOCK). */
export class MemoryStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly now: () => number) {}

  private live(key: string): Stream | undefined {
    const stream = this.streams.get(key);
    if (stream?.expiresAt !== undefined && stream.expiresAt <= this.now()) {
      this.streams.delete(key);
      return undefined;
    }
    return stream;
  }

  has(key: string): boolean {
    return this.live(key) !== undefined;
  }

  expiresAt(key: string): number | undefined {
    return this.live(key)?.expiresAt;
  }

  delete(key: string): void {
    this.streams.delete(key);
  }

  sweep(): void {
    for (const key of this.streams.keys()) {
      this.live(key);
    }
  }

  append(key: string, fields: Record<string, string>, options: StreamAppendOptions = {}): string {
    const stream = this.live(key) ?? { entries: [], last: ZERO_STREAM_ID, expiresAt: undefined };
    const id =
      options.id === undefined
        ? nextStreamId(stream.last, this.now())
        : explicitStreamId(options.id, stream.last);
    stream.entries.push({ id, entry: { id: formatStreamId(id), fields: { ...fields } } });
    stream.last = id;
    if (options.ttlMs !== undefined) {
      stream.expiresAt = this.now() + options.ttlMs;
    }
    this.streams.set(key, stream);
    if (options.maxLength !== undefined) {
      this.trim(key, options.maxLength);
    }
    this.wake(key);
    return formatStreamId(id);
  }

  range(key: string, options: StreamRangeOptions = {}): StreamEntry[] {
    const after = options.after === undefined ? undefined : parseStreamId(options.after);
    return this.entriesAfter(key, after, options.count);
  }

  private entriesAfter(key: string, after: StreamId | undefined, count: number | undefined): StreamEntry[] {
    const entries = this.live(key)?.entries ?? [];
    const start = after === undefined ? 0 : firstAfter(entries, after);
    const end = count === undefined ? entries.length : start + count;
    return entries.slice(start, end).map(copy);
  }

  read(key: string, options: StreamReadOptions): Promise<StreamEntry[]> {
    const after = parseStreamId(options.after);
    const ready = this.entriesAfter(key, after, options.count);
    if (ready.length > 0) {
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { key, after, count: options.count, resolve, reject, timer: undefined };
      if (options.timeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          this.settle(waiter, []);
        }, options.timeoutMs);
      }
      this.waiters.add(waiter);
    });
  }

  private settle(waiter: Waiter, entries: StreamEntry[]): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.resolve(entries);
  }

  private wake(key: string): void {
    for (const waiter of this.waiters) {
      if (waiter.key !== key) {
        continue;
      }
      const entries = this.entriesAfter(key, waiter.after, waiter.count);
      if (entries.length > 0) {
        this.settle(waiter, entries);
      }
    }
  }

  trim(key: string, maxLength: number): number {
    const stream = this.live(key);
    if (stream === undefined || stream.entries.length <= maxLength) {
      return 0;
    }
    const removed = stream.entries.length - maxLength;
    stream.entries.splice(0, removed);
    return removed;
  }

  length(key: string): number {
    return this.live(key)?.entries.length ?? 0;
  }

  /** Ends every pending read with `error`, as closing a Redis connection does. */
  close(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
    this.streams.clear();
  }
}
