import type { RunEvent } from '@netra/shared/contracts';
import type { RunsService } from '#modules/runs/runs.service.js';
import type { LiveEvent, RunFanout } from './run-fanout.js';

/** Stored events read from PostgreSQL per page. */
const REPLAY_PAGE = 500;
/**
 * How long a feed waits without a live event before it asks PostgreSQL: an event announced while
 * Redis was away (or the run's last one) is found there. Shorter when the live channel is down.
 */
const QUIET_CHECK_MS = 5_000;
const UNSUBSCRIBED_CHECK_MS = 1_000;

export interface RunFeedDeps {
  runs: RunsService;
  fanout: RunFanout;
}

const ENDING_EVENTS = new Set<RunEvent['type']>(['run_completed', 'run_failed']);

/** Sends one event to the connection; `text` is its JSON. */
export type Deliver = (event: RunEvent, text: string) => void;

/**
 * Delivers one run's events to one connection in strictly increasing seq, each exactly once. It
 * listens to the run's live announcements first (shared by the instance's connections, see
 * RunFanout), then sends the stored events after `afterSeq` from PostgreSQL, then the announced ones
 * in order. An announcement that skips a seq, or a quiet spell, sends it back to PostgreSQL, which
 * has every event before it is announced.
 */
export class RunFeed {
  private stopped = false;
  private lastSeq: number;
  private readonly pending: LiveEvent[] = [];
  private wake: (() => void) | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly deps: RunFeedDeps,
    private readonly orgId: string,
    private readonly runId: string,
    afterSeq: number,
    private readonly deliver: Deliver,
  ) {
    this.lastSeq = afterSeq;
  }

  stop(): void {
    this.stopped = true;
    this.stopListening?.();
    this.wake?.();
  }

  /** Runs until the run's last event is delivered or the feed is stopped. */
  async run(): Promise<void> {
    try {
      let live = await this.listen();
      while (!this.stopped) {
        if (await this.replayStored()) {
          return;
        }
        if (await this.sendAnnounced(live ? QUIET_CHECK_MS : UNSUBSCRIBED_CHECK_MS)) {
          return;
        }
        live = live || (await this.listen());
      }
    } finally {
      this.stopListening?.();
    }
  }

  private async listen(): Promise<boolean> {
    this.stopListening?.();
    const { live, stop } = await this.deps.fanout.listen(this.runId, (announced) => {
      this.pending.push(announced);
      this.wake?.();
    });
    this.stopListening = stop;
    if (this.stopped) {
      stop();
    }
    return live;
  }

  private send(event: RunEvent, text: string): boolean {
    if (this.stopped || event.seq !== this.lastSeq + 1) {
      return false;
    }
    this.lastSeq = event.seq;
    this.deliver(event, text);
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
        ended = this.send(event, JSON.stringify(event)) || ended;
      }
      if (ended || page.complete || this.stopped) {
        return true;
      }
      if (page.events.length < REPLAY_PAGE) {
        return false;
      }
    }
  }

  /**
   * Sends announced events while they continue the seq; true once the run's last event is sent,
   * false on a skipped seq or after `quietMs` without news (PostgreSQL is asked next).
   */
  private async sendAnnounced(quietMs: number): Promise<boolean> {
    while (!this.stopped) {
      const next = this.pending.shift() ?? (await this.nextAnnounced(quietMs));
      if (next === undefined) {
        return false;
      }
      if (next.event.seq <= this.lastSeq) {
        continue;
      }
      if (next.event.seq !== this.lastSeq + 1) {
        return false;
      }
      if (this.send(next.event, next.text)) {
        return true;
      }
    }
    return true;
  }

  private nextAnnounced(quietMs: number): Promise<LiveEvent | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(undefined);
      }, quietMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(this.pending.shift());
      };
    });
  }
}
