import type { Redis } from 'ioredis';
import type { TierMode } from '#health/health.js';

export type MessageListener = (message: string) => void;

/** One entry of a stream: its id (`<ms>-<seq>`, increasing within the stream) and its fields. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

export interface StreamAppendOptions {
  /**
   * The entry's id (`<ms>-<seq>` or `<n>`, read as `<n>-0`); it must be greater than every id the
   * stream has given out. When omitted, the next id is derived from the clock.
   */
  id?: string;
  /** Keep about this many of the newest entries: at least this many survive, older ones may be cut. */
  maxLength?: number;
  /** The stream expires this long after its latest append. */
  ttlMs?: number;
}

export interface StreamRangeOptions {
  /** Only entries with a greater id; from the start when omitted. */
  after?: string;
  count?: number;
}

export interface StreamReadOptions {
  /** Only entries with a greater id: the last id the reader has seen, or `0` for the whole stream. */
  after: string;
  /** How long to wait for a new entry when there is none yet; 0 waits until one arrives. */
  timeoutMs: number;
  count?: number;
}

/** What BullMQ needs to keep its queues in the same Redis, under the same namespace. */
export interface QueueConnection {
  /**
   * A new connection for BullMQ (`maxRetriesPerRequest: null`, as its blocking commands need;
   * no ioredis key prefix, which BullMQ refuses). The caller closes it.
   */
  connect(): Redis;
  /** BullMQ's `prefix`: the store's namespace, so queues of separate runs and services never meet. */
  readonly prefix: string;
}

/**
 * The hot tier of ARCHITECTURE §2/§5: short-lived keys with TTLs, counters for rate limits, a
 * pub/sub bus and append-only streams. Redis in server mode, an in-process implementation
 * otherwise; keys and channels are namespaced. Both pass the same contract cases.
 */
export interface HotStore {
  readonly mode: TierMode;
  readonly engine: string;
  readonly keyPrefix: string;
  /** Server mode only: the connection BullMQ needs; undefined in process, where queues run in memory. */
  readonly queueConnection: QueueConnection | undefined;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets the key only if absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes a value or a stream. */
  delete(key: string): Promise<void>;
  /** Reads and deletes in one step, so a value can be consumed exactly once (e.g. an OAuth state). */
  take(key: string): Promise<string | null>;
  /** Adds one; the TTL starts when the key is created (a fixed window counter). */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Remaining lifetime in milliseconds, or null when the key is missing or has no TTL. */
  ttl(key: string): Promise<number | null>;
  /**
   * Sends to every subscriber of the channel, in this process and (server mode) every other one. A
   * listener that throws is reported as a process warning and does not keep the message from the others.
   */
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once messages published afterwards are delivered; returns the function that unsubscribes. */
  subscribe(channel: string, listener: MessageListener): Promise<() => Promise<void>>;
  /** Appends an entry and returns its id. */
  streamAppend(key: string, fields: Record<string, string>, options?: StreamAppendOptions): Promise<string>;
  /** Entries in id order, after `options.after` when given. */
  streamRange(key: string, options?: StreamRangeOptions): Promise<StreamEntry[]>;
  /**
   * Entries after `options.after`: at once when there are some, otherwise the first ones appended
   * within the timeout, or none. Closing the store rejects a pending read.
   */
  streamRead(key: string, options: StreamReadOptions): Promise<StreamEntry[]>;
  /** Keeps exactly the newest `maxLength` entries; returns how many were removed. */
  streamTrim(key: string, maxLength: number): Promise<number>;
  streamLength(key: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
