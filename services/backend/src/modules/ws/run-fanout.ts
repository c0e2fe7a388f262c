import { runEventSchema, type RunEvent } from '@netra/shared/contracts';
import type { HotStore } from '@netra/shared/redis';
import { runLiveChannel } from '#modules/runs/hot-run-tier.js';

/** A live event as announced: parsed once per instance, and its JSON text, sent to sockets as is. */
export interface LiveEvent {
  event: RunEvent;
  text: string;
}

export type LiveListener = (live: LiveEvent) => void;

interface FollowedRun {
  listeners: Set<LiveListener>;
  /** Settles once the instance's subscription to the run's live channel is confirmed. */
  subscribed: Promise<(() => Promise<void>) | undefined>;
}

/** How long a subscription may take before the feed relies on PostgreSQL alone. */
const SUBSCRIBE_WAIT_MS = 1_000;

function parseLive(text: string): LiveEvent | undefined {
  try {
    const parsed = runEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? { event: parsed.data, text } : undefined;
  } catch {
    return undefined;
  }
}

function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  return Promise.race([work.catch(() => undefined), deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * One subscription per followed run per instance: every connection on this instance that follows
 * a run shares it, so a run watched by twenty tabs costs one Redis subscription and one parse per
 * event. Events come from whichever instance executes the run (`HotRunTier.appendEvent`).
 */
export class RunFanout {
  private readonly runs = new Map<string, FollowedRun>();

  constructor(private readonly hot: HotStore) {}

  /** Runs followed on this instance. */
  get size(): number {
    return this.runs.size;
  }

  /**
   * Adds a listener of the run's live events; resolves with its removal once events published from
   * now on reach it — or, when Redis does not confirm in time, with `live: false` (the caller then
   * relies on PostgreSQL; the listener stays attached in case the subscription lands later).
   */
  async listen(runId: string, listener: LiveListener): Promise<{ live: boolean; stop: () => void }> {
    const followed = this.followed(runId);
    followed.listeners.add(listener);
    const stop = () => {
      this.remove(runId, followed, listener);
    };
    const confirmed = await settleWithin(followed.subscribed, SUBSCRIBE_WAIT_MS);
    return { live: confirmed !== undefined, stop };
  }

  private followed(runId: string): FollowedRun {
    const existing = this.runs.get(runId);
    if (existing !== undefined) {
      return existing;
    }
    const listeners = new Set<LiveListener>();
    const followed: FollowedRun = { listeners, subscribed: Promise.resolve(undefined) };
    followed.subscribed = this.hot
      .subscribe(runLiveChannel(runId), (text) => {
        this.dispatch(listeners, text);
      })
      .catch(() => {
        // Forgotten, so the next listener of the run tries Redis again.
        if (this.runs.get(runId) === followed) {
          this.runs.delete(runId);
        }
        return undefined;
      });
    this.runs.set(runId, followed);
    return followed;
  }

  private dispatch(listeners: ReadonlySet<LiveListener>, text: string): void {
    const live = parseLive(text);
    if (live === undefined) {
      return;
    }
    for (const listener of listeners) {
      listener(live);
    }
  }

  private remove(runId: string, followed: FollowedRun, listener: LiveListener): void {
    followed.listeners.delete(listener);
    if (followed.listeners.size > 0 || this.runs.get(runId) !== followed) {
      return;
    }
    this.runs.delete(runId);
    void followed.subscribed.then((unsubscribe) => unsubscribe?.().catch(() => undefined));
  }
}
