import { EventEmitter } from 'node:events';
import type { HotStore, MessageListener } from './hot-store.js';

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
  private readonly slots = new Map<string, Slot>();
  private readonly bus = new EventEmitter();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keyPrefix = keyPrefix;
    this.bus.setMaxListeners(0);
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
  }

  /** Runs an operation as a promise, rejecting once the store is closed (like a closed Redis client). */
  private run<T>(operation: () => T): Promise<T> {
    if (this.closed) {
      return Promise.reject(new Error('hot store is closed'));
    }
    return Promise.resolve(operation());
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlMs?: number): Promise<void> {
    return this.run(() => {
      this.slots.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs });
    });
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run(() => {
      if (this.live(key) !== undefined) {
        return false;
      }
      this.slots.set(key, { value, expiresAt: this.now() + ttlMs });
      return true;
    });
  }

  delete(key: string): Promise<void> {
    return this.run(() => {
      this.slots.delete(key);
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
      const expiresAt = this.live(key)?.expiresAt;
      return expiresAt === undefined ? null : Math.max(0, expiresAt - this.now());
    });
  }

  publish(channel: string, message: string): Promise<void> {
    return this.run(() => {
      this.bus.emit(channel, message);
    });
  }

  subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>> {
    return this.run(() => {
      this.bus.on(channel, listener);
      return () => {
        this.bus.off(channel, listener);
        return Promise.resolve();
      };
    });
  }

  ping(): Promise<void> {
    return this.run(() => undefined);
  }

  close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.bus.removeAllListeners();
    this.slots.clear();
    return Promise.resolve();
  }
}
