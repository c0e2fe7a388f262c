import { deliver } from './deliver.js';
import type {
  HotStore,
  MessageListener,
  StreamAppendOptions,
  StreamEntry,
  StreamRangeOptions,
  StreamReadOptions,
} from './hot-store.js';
import { MemoryStreams } from './memory-streams.js';

interface Slot {
  value: string;
  expiresAt: number | undefined;
}

const SWEEP_INTERVAL_MS = 30_000;

/** The in-process hot tier used when no REDIS_URL is set; correct for a single instance only. */
export class MemoryHotStore implements HotStore {
  readonly mode = 'embedded' as const;
  readonly engine = 'in-process';
  readonly keyPrefix: string;
  /** Queues run in process (see the backend's platform/queue), so there is nothing for BullMQ. */
  readonly queueConnection = undefined;
  private readonly slots = new Map<string, Slot>();
  private readonly streams: MemoryStreams;
  private readonly channels = new Map<string, Set<MessageListener>>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keyPrefix = keyPrefix;
    this.streams = new MemoryStreams(now);
    this.sweeper = setInterval(() => {
      this.sweep();
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  private live(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot?.expiresAt !== undefined && slot.expiresAt <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  private sweep(): void {
    for (const key of this.slots.keys()) {
      this.live(key);
    }
    this.streams.sweep();
  }

  /** Runs an operation as a promise, rejecting once the store is closed (like a closed Redis client). */
  private run<T>(operation: () => T | Promise<T>): Promise<T> {
    if (this.closed) {
      return Promise.reject(new Error('hot store is closed'));
    }
    try {
      return Promise.resolve(operation());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlMs?: number): Promise<void> {
    return this.run(() => {
      this.streams.delete(key);
      this.slots.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs });
    });
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run(() => {
      if (this.live(key) !== undefined || this.streams.has(key)) {
        return false;
      }
      this.slots.set(key, { value, expiresAt: this.now() + ttlMs });
      return true;
    });
  }

  delete(key: string): Promise<void> {
    return this.run(() => {
      this.slots.delete(key);
      this.streams.delete(key);
    });
  }

  take(key: string): Promise<string | null> {
    return this.run(() => {
      const value = this.live(key)?.value ?? null;
      this.slots.delete(key);
      return value;
    });
  }

  increment(key: string, ttlMs: number): Promise<number> {
    return this.run(() => {
      const slot = this.live(key);
      const next = (slot === undefined ? 0 : Number(slot.value)) + 1;
      this.slots.set(key, { value: String(next), expiresAt: slot?.expiresAt ?? this.now() + ttlMs });
      return next;
    });
  }

  ttl(key: string): Promise<number | null> {
    return this.run(() => {
      const expiresAt = this.live(key)?.expiresAt ?? this.streams.expiresAt(key);
      return expiresAt === undefined ? null : Math.max(0, expiresAt - this.now());
    });
  }

  publish(channel: string, message: string): Promise<void> {
    return this.run(() => {
      deliver(this.channels.get(channel) ?? [], channel, message);
    });
  }

  subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>> {
    return this.run(() => {
      const listeners = this.channels.get(channel) ?? new Set();
      this.channels.set(channel, listeners);
      // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
      const subscription: MessageListener = (message) => {
        listener(message);
      };
      listeners.add(subscription);
      return () => {
        listeners.delete(subscription);
        return Promise.resolve();
      };
    });
  }

  streamAppend(key: string, fields: Record<string, string>, options?: StreamAppendOptions): Promise<string> {
    return this.run(() => {
      if (this.live(key) !== undefined) {
        throw new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
      }
      return this.streams.append(key, fields, options);
    });
  }

  streamRange(key: string, options?: StreamRangeOptions): Promise<StreamEntry[]> {
    return this.run(() => this.streams.range(key, options));
  }

  streamRead(key: string, options: StreamReadOptions): Promise<StreamEntry[]> {
    return this.run(() => this.streams.read(key, options));
  }

  streamTrim(key: string, maxLength: number): Promise<number> {
    return this.run(() => this.streams.trim(key, maxLength));
  }

  streamLength(key: string): Promise<number> {
    return this.run(() => this.streams.length(key));
  }

  ping(): Promise<void> {
    return this.run(() => undefined);
  }

  close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.channels.clear();
    this.streams.close(new Error('hot store is closed'));
    this.slots.clear();
    return Promise.resolve();
  }
}
