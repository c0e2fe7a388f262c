import type { Redis } from 'ioredis';
import type { StreamAppendOptions, StreamEntry, StreamRangeOptions, StreamReadOptions } from './hot-store.js';

/** Idle blocking-read connections kept for reuse; more are opened while reads overlap. */
const MAX_IDLE_READERS = 4;

type RawEntry = [id: string, fields: string[]];

function toEntry([id, flat]: RawEntry): StreamEntry {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) {
    fields[flat[index] ?? ''] = flat[index + 1] ?? '';
  }
  return { id, fields };
}

function appendArguments(fields: Record<string, string>, options: StreamAppendOptions): string[] {
  const trim = options.maxLength === undefined ? [] : ['MAXLEN', '~', String(options.maxLength)];
  return [...trim, options.id ?? '*', ...Object.entries(fields).flat()];
}

function countArguments(count: number | undefined): string[] {
  return count === undefined ? [] : ['COUNT', String(count)];
}

/**
 * Redis streams for the hot tier. A blocking XREAD holds its connection until it returns, so each
 * pending read gets a connection of its own from a small pool instead of the shared client.
 */
export class RedisStreams {
  private readonly idle: Redis[] = [];
  private readonly reading = new Set<Redis>();
  private closed = false;

  constructor(private readonly client: Redis) {}

  async append(
    key: string,
    fields: Record<string, string>,
    options: StreamAppendOptions = {},
  ): Promise<string> {
    const args = appendArguments(fields, options);
    if (options.ttlMs === undefined) {
      return this.appended(key, await this.client.xadd(key, ...args));
    }
    const results = await this.client
      .multi()
      .xadd(key, ...args)
      .pexpire(key, options.ttlMs)
      .exec();
    const [appended] = results ?? [];
    if (appended?.[0] instanceof Error) {
      throw appended[0];
    }
    return this.appended(key, appended?.[1]);
  }

  private appended(key: string, id: unknown): string {
    if (typeof id !== 'string') {
      throw new Error(`redis XADD ${key} returned no id`);
    }
    return id;
  }

  async range(key: string, options: StreamRangeOptions = {}): Promise<StreamEntry[]> {
    const start = options.after === undefined ? '-' : `(${options.after}`;
    const raw =
      options.count === undefined
        ? await this.client.xrange(key, start, '+')
        : await this.client.xrange(key, start, '+', 'COUNT', options.count);
    return raw.map(toEntry);
  }

  async read(key: string, options: StreamReadOptions): Promise<StreamEntry[]> {
    const connection = this.acquire();
    try {
      const args = [...countArguments(options.count), 'BLOCK', String(options.timeoutMs)];
      const reply = (await connection.call('XREAD', ...args, 'STREAMS', key, options.after)) as
        [stream: string, entries: RawEntry[]][] | null;
      return (reply?.[0]?.[1] ?? []).map(toEntry);
    } finally {
      this.release(connection);
    }
  }

  private acquire(): Redis {
    if (this.closed) {
      throw new Error('hot store is closed');
    }
    const connection = this.idle.pop() ?? this.openReader();
    this.reading.add(connection);
    return connection;
  }

  private openReader(): Redis {
    const connection = this.client.duplicate();
    // Its failures surface as the read's rejection; the event only needs a listener.
    connection.on('error', () => undefined);
    return connection;
  }

  private release(connection: Redis): void {
    this.reading.delete(connection);
    if (this.closed || this.idle.length >= MAX_IDLE_READERS) {
      connection.disconnect();
      return;
    }
    this.idle.push(connection);
  }

  async trim(key: string, maxLength: number): Promise<number> {
    return this.client.xtrim(key, 'MAXLEN', maxLength);
  }

  async length(key: string): Promise<number> {
    return this.client.xlen(key);
  }

  /** Disconnecting a reading connection rejects its pending XREAD, so shutdown never waits on a reader. */
  close(): void {
    this.closed = true;
    for (const connection of [...this.idle, ...this.reading]) {
      connection.disconnect();
    }
    this.idle.length = 0;
  }
}
