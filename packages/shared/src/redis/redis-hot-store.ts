import { Redis } from 'ioredis';
import type { HotStore, MessageListener } from './hot-store.js';

/** The hot tier on a Redis server; every key and channel carries the namespace prefix. */
export class RedisHotStore implements HotStore {
  readonly mode = 'server' as const;
  readonly engine = 'redis';
  readonly keyPrefix: string;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<MessageListener>>();
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

  private ensureSubscriber(): Redis {
    if (this.subscriber !== undefined) {
      return this.subscriber;
    }
    const subscriber = this.client.duplicate({ keyPrefix: '' });
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => {
      const local = channel.slice(this.keyPrefix.length);
      for (const listener of this.listeners.get(local) ?? []) {
        listener(message);
      }
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  async subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>> {
    const subscriber = this.ensureSubscriber();
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
      await subscriber.subscribe(this.keyPrefix + channel);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(channel);
        await subscriber.unsubscribe(this.keyPrefix + channel);
      }
    };
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
    this.listeners.clear();
    await Promise.allSettled([this.client.quit(), this.subscriber?.quit()]);
  }
}
