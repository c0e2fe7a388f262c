/**
 * The hot tier of runs (§5): `run:{id}:state` (JSON, TTL) and `run:{id}:events` (a stream whose
 * entry ids are seq + 1) in Redis, and the `run:{id}:cancel` and `run:{id}:live` channels. Every call is bounded by a
 * short timeout, so a slow or absent Redis never stalls a run: the run marks its hot tier stale,
 * continues from PostgreSQL (the source of truth), and rewrites the hot copy once Redis answers again.
 * @module
 */
import type { RunEvent } from '@netra/shared/contracts';
import type { HotStore } from '@netra/shared/redis';
import { timed, type RunMetrics } from './runs.metrics.js';

export const runStateKey = (runId: string) => `run:${runId}:state`;
export const runEventsKey = (runId: string) => `run:${runId}:events`;
export const runCancelChannel = (runId: string) => `run:${runId}:cancel`;
/** Every new event of the run, as JSON, for the instances whose connections follow it live. */
export const runLiveChannel = (runId: string) => `run:${runId}:live`;
/** A run's event stream entry id: seq 0 is `1-0` (Redis refuses `0-0`). */
export const streamIdOf = (seq: number) => `${seq + 1}-0`;

/** What `run:{id}:state` holds: where the run is, readable without PostgreSQL. */
export interface HotRunSnapshot {
  run_id: string;
  status: string;
  current_agent: string | null;
  agents: string[];
  workflow: string | null;
  last_seq: number;
  state: unknown;
  updated_at: string;
}

export interface HotRunTierOptions {
  timeoutMs: number;
  ttlMs: number;
  /** Newest events the stream keeps (PostgreSQL keeps them all). */
  maxEvents: number;
}

export class HotCallTimeout extends Error {
  readonly code = 'hot_timeout';
}

/** XADD of an id the stream already has: the entry is there (a retried or late write). */
function alreadyStored(error: unknown): boolean {
  return error instanceof Error && /equal or smaller/i.test(error.message);
}

/** Ended runs whose hot copy waits for Redis at most; older ones are read from PostgreSQL only. */
const MAX_PENDING_CATCH_UPS = 1_000;

export class HotRunTier {
  /** Catch-ups of runs that ended while Redis was away, by run id, retried by `retryPending`. */
  private readonly pending = new Map<string, () => Promise<void>>();

  constructor(
    private readonly hot: HotStore,
    private readonly options: HotRunTierOptions,
    private readonly metrics: RunMetrics,
  ) {}

  /** One Redis call, given up after the timeout (the call itself may still land later). */
  call<T>(work: () => Promise<T>): Promise<T> {
    return timed(
      (seconds, ok) => {
        this.metrics.observeTier('hot', seconds, ok);
      },
      () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => {
            reject(new HotCallTimeout(`redis did not answer within ${this.options.timeoutMs} ms`));
          }, this.options.timeoutMs);
        });
        return Promise.race([work(), timeout]).finally(() => {
          clearTimeout(timer);
        });
      },
    );
  }

  writeState(snapshot: HotRunSnapshot): Promise<void> {
    const key = runStateKey(snapshot.run_id);
    return this.call(() => this.hot.set(key, JSON.stringify(snapshot), this.options.ttlMs));
  }

  /** Stores a new event in the run's stream, then announces it to the instances following the run live. */
  async appendEvent(event: RunEvent): Promise<void> {
    const text = JSON.stringify(event);
    await this.storeEvent(event, text);
    await this.call(() => this.hot.publish(runLiveChannel(event.run_id), text));
  }

  private async storeEvent(event: RunEvent, text: string): Promise<void> {
    const { ttlMs, maxEvents } = this.options;
    try {
      await this.call(() =>
        this.hot.streamAppend(
          runEventsKey(event.run_id),
          { seq: String(event.seq), event: text },
          { id: streamIdOf(event.seq), maxLength: maxEvents, ttlMs },
        ),
      );
    } catch (error) {
      if (!alreadyStored(error)) {
        throw error;
      }
    }
  }

  /** Replaces the stream with `events` (all of the run's, from PostgreSQL) and the state key. */
  async rewrite(snapshot: HotRunSnapshot, events: readonly RunEvent[]): Promise<void> {
    await this.call(() => this.hot.delete(runEventsKey(snapshot.run_id)));
    for (const event of events) {
      await this.storeEvent(event, JSON.stringify(event));
    }
    await this.writeState(snapshot);
  }

  /** Keeps a catch-up of an ended run for later: Redis was still away when the run ended. */
  defer(runId: string, catchUp: () => Promise<void>): void {
    if (this.pending.size < MAX_PENDING_CATCH_UPS) {
      this.pending.set(runId, catchUp);
    }
  }

  /** Retries the deferred catch-ups, stopping at the first that fails (Redis still away); returns how many wait. */
  async retryPending(): Promise<number> {
    for (const [runId, catchUp] of this.pending) {
      try {
        await catchUp();
        this.pending.delete(runId);
      } catch {
        break;
      }
    }
    return this.pending.size;
  }

  publishCancel(runId: string): Promise<void> {
    return this.call(() => this.hot.publish(runCancelChannel(runId), 'cancel'));
  }

  /** Listens for a cancel of the run; resolves to the unsubscribe function. */
  onCancel(runId: string, listener: () => void): Promise<() => Promise<void>> {
    return this.call(() => this.hot.subscribe(runCancelChannel(runId), listener));
  }

  readState(runId: string): Promise<string | null> {
    return this.call(() => this.hot.get(runStateKey(runId)));
  }
}

/**
 * One executing run's view of the hot tier: writes go through while Redis answers; after a failure
 * the run is stale and writes are skipped, except a catch-up at most every `retryMs`, which rewrites
 * the whole hot copy from PostgreSQL and ends the stale spell when it succeeds.
 */
export class HotRunMirror {
  private stale = false;
  private lastCatchUp = 0;

  constructor(
    private readonly tier: HotRunTier,
    private readonly metrics: RunMetrics,
    private readonly source: {
      snapshot(): HotRunSnapshot;
      allEvents(): Promise<RunEvent[]>;
    },
    private readonly retryMs: number,
  ) {}

  get isStale(): boolean {
    return this.stale;
  }

  async event(event: RunEvent): Promise<void> {
    await this.write(() => this.tier.appendEvent(event));
  }

  async state(): Promise<void> {
    await this.write(() => this.tier.writeState(this.source.snapshot()));
  }

  /**
   * A last catch-up attempt when the run ends stale, whatever the time since the previous one; if
   * Redis is still away, the tier keeps it and the worker's recovery sweep retries it.
   */
  async settle(): Promise<void> {
    if (!this.stale) {
      return;
    }
    this.lastCatchUp = 0;
    await this.catchUp();
    // catchUp() clears the flag when Redis answered.
    if (this.isStale) {
      const snapshot = this.source.snapshot();
      this.tier.defer(snapshot.run_id, async () => {
        await this.tier.rewrite(snapshot, await this.source.allEvents());
      });
    }
  }

  private async write(work: () => Promise<void>): Promise<void> {
    if (this.stale) {
      // The stored event or state is already in PostgreSQL, so a successful catch-up includes it.
      await this.catchUp();
      return;
    }
    try {
      await work();
    } catch {
      this.markStale();
    }
  }

  private markStale(): void {
    this.stale = true;
    this.lastCatchUp = Date.now();
    this.metrics.countHotStale();
  }

  private async catchUp(): Promise<void> {
    if (Date.now() - this.lastCatchUp < this.retryMs) {
      return;
    }
    this.lastCatchUp = Date.now();
    try {
      await this.tier.rewrite(this.source.snapshot(), await this.source.allEvents());
      this.stale = false;
    } catch {
      // Still unreachable: try again later.
    }
  }
}
