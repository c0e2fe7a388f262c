import { Redis } from 'ioredis';
import type {
  HotStore,
  MessageListener,
  QueueConnection,
  StreamAppendOptions,
  StreamEntry,
  StreamRangeOptions,
  StreamReadOptions,
} from './hot-store.js';
import { RedisSubscriptions } from './redis-pubsub.js';
import { RedisStreams } from './redis-streams.js';

/** BullMQ's keys sit under the store's namespace: `<namespace>:<service>:bull:<queue>:…`. */
const QUEUE_PREFIX_SEGMENT = 'bull';

function queueConnection(url: string, keyPrefix: string): QueueConnection {
  return {
    prefix: keyPrefix + QUEUE_PREFIX_SEGMENT,
    connect: () => {
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      // BullMQ reports connection trouble through its own error events; this one only needs a listener.
      connection.on('error', () => undefined);
      return connection;
    },
  };
}

/** The hot tier on a Redis server; every key and channel carries the namespace prefix. */
export class RedisHotStore implements HotStore {
  readonly mode = 'server' as const;
  readonly engine = 'redis';
  readonly keyPrefix: string;
  readonly queueConnection: QueueConnection;
  private readonly client: Redis;
  private readonly subscriptions: RedisSubscriptions;
  private readonly streams: RedisStreams;
  /** The last connection problem, so a failed ping can say why (ioredis only reports "max retries"). */
  private lastConnectionError: Error | undefined;

  constructor(url: string, keyPrefix: string) {
    this.keyPrefix = keyPrefix;
    // Fail commands quickly while disconnected so callers can fall back, instead of queueing forever.
    this.client = new Redis(url, {
      keyPrefix,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
    });
    this.client.on('error', (error: Error) => {
      this.lastConnectionError = error;
    });
    this.client.on('ready', () => {
      this.lastConnectionError = undefined;
    });
    this.subscriptions = new RedisSubscriptions(this.client, keyPrefix);
    this.streams = new RedisStreams(this.client);
    this.queueConnection = queueConnection(url, keyPrefix);
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) {
      await this.client.set(key, value);
      return;
    }
    await this.client.set(key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.client.del(key);
  }

  async take(key: string): Promise<string | null> {
    return this.client.getdel(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const results = await this.client.multi().incr(key).pexpire(key, ttlMs, 'NX').exec();
    const count = results?.[0]?.[1];
    if (typeof count !== 'number') {
      throw new Error(`redis INCR ${key} failed`);
    }
    return count;
  }

  async ttl(key: string): Promise<number | null> {
    const remaining = await this.client.pttl(key);
    return remaining < 0 ? null : remaining;
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.keyPrefix + channel, message);
  }

  subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>> {
    return this.subscriptions.subscribe(channel, listener);
  }

  streamAppend(key: string, fields: Record<string, string>, options?: StreamAppendOptions): Promise<string> {
    return this.streams.append(key, fields, options);
  }

  streamRange(key: string, options?: StreamRangeOptions): Promise<StreamEntry[]> {
    return this.streams.range(key, options);
  }

  async streamRead(key: string, options: StreamReadOptions): Promise<StreamEntry[]> {
    return this.streams.read(key, options);
  }

  streamTrim(key: string, maxLength: number): Promise<number> {
    return this.streams.trim(key, maxLength);
  }

  streamLength(key: string): Promise<number> {
    return this.streams.length(key);
  }

  async ping(): Promise<void> {
    try {
      await this.client.ping();
    } catch (error) {
      const cause = this.lastConnectionError;
      throw cause === undefined ? error : new Error(`redis is unreachable: ${cause.message}`, { cause });
    }
  }

  async close(): Promise<void> {
    this.streams.close();
    await Promise.allSettled([this.client.quit(), this.subscriptions.close()]);
  }
}
