import type { RunEvent } from '@netra/shared/contracts';
import type { HotStore } from '@netra/shared/redis';
import { runEventsKey } from '#modules/runs/hot-run-tier.js';
import type { RunsService } from '#modules/runs/runs.service.js';

/** Stored events read from PostgreSQL per page. */
const REPLAY_PAGE = 500;
/** How long one read of a run's Redis stream waits for a new entry before PostgreSQL is asked again. */
const LIVE_WAIT_MS = 2_000;
/** A stream read that has not answered this long after its wait is treated as Redis being away. */
const LIVE_WAIT_MARGIN_MS = 1_000;

export interface RunFeedDeps {
  runs: RunsService;
  hot: HotStore;
}

const ENDING_EVENTS = new Set<RunEvent['type']>(['run_completed', 'run_failed']);

/** The stream entry id of seq `seq` (`seq + 1`, see modules/runs). */
const streamIdOf = (seq: number) => `${seq + 1}-0`;

function withDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      resolve(fallback);
    }, ms);
  });
  return Promise.race([work.catch(() => fallback), deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * Delivers one run's events to one connection in strictly increasing seq, each exactly once: the
 * stored events after `afterSeq` from PostgreSQL, then the live ones from the run's Redis stream
 * (shared by every instance; the in-process store in embedded mode). Whenever the stream skips a
 * seq (it was trimmed, or Redis was away) or has nothing new for a while, PostgreSQL fills the gap.
 */
export class RunFeed {
  private stopped = false;
  private lastSeq: number;

  constructor(
    private readonly deps: RunFeedDeps,
    private readonly orgId: string,
    private readonly runId: string,
    afterSeq: number,
    private readonly deliver: (event: RunEvent) => void,
  ) {
    this.lastSeq = afterSeq;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Runs until the run's last event is delivered or the feed is stopped. */
  async run(): Promise<void> {
    while (!this.stopped) {
      if (await this.replayStored()) {
        return;
      }
      if (await this.followStream()) {
        return;
      }
    }
  }

  private send(event: RunEvent): boolean {
    if (this.stopped || event.seq !== this.lastSeq + 1) {
      return false;
    }
    this.lastSeq = event.seq;
    this.deliver(event);
    return ENDING_EVENTS.has(event.type);
  }

  /** Sends every stored event after the last delivered one; true once the run's last event is sent. */
  private async replayStored(): Promise<boolean> {
    for (;;) {
      const page = await this.deps.runs.events(this.orgId, this.runId, {
        after_seq: this.lastSeq,
        limit: REPLAY_PAGE,
      });
      let ended = false;
      for (const event of page.events) {
        ended = this.send(event) || ended;
      }
      if (ended || page.complete || this.stopped) {
        return true;
      }
      if (page.events.length < REPLAY_PAGE) {
        return false;
      }
    }
  }

  /** Follows the stream while it continues the seq; true once the run's last event is sent. */
  private async followStream(): Promise<boolean> {
    while (!this.stopped) {
      const entries = await withDeadline(
        this.deps.hot.streamRead(runEventsKey(this.runId), {
          after: streamIdOf(this.lastSeq),
          timeoutMs: LIVE_WAIT_MS,
        }),
        LIVE_WAIT_MS + LIVE_WAIT_MARGIN_MS,
        [],
      );
      if (entries.length === 0) {
        return false;
      }
      for (const entry of entries) {
        const event = JSON.parse(entry.fields.event ?? 'null') as RunEvent | null;
        if (event === null || event.seq !== this.lastSeq + 1) {
          return false;
        }
        if (this.send(event)) {
          return true;
        }
      }
    }
    return true;
  }
}
