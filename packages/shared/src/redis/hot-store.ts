import type { TierMode } from '#health/health.js';

export type MessageListener = (message: string) => void;

/**
 * The hot tier of ARCHITECTURE §2/§5: short-lived keys with TTLs, counters for rate limits and a
 * pub/sub bus. Redis in server mode, an in-process implementation otherwise; keys are namespaced.
 */
export interface HotStore {
  readonly mode: TierMode;
  readonly engine: string;
  readonly keyPrefix: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets the key only if absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Reads and deletes in one step, so a value can be consumed exactly once (e.g. an OAuth state). */
  take(key: string): Promise<string | null>;
  /** Adds one; the TTL starts when the key is created (a fixed window counter). */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Remaining lifetime in milliseconds, or null when the key is missing or has no TTL. */
  ttl(key: string): Promise<number | null>;
  publish(channel: string, message: string): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
