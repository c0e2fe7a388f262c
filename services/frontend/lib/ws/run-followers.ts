/**
 * Which runs a socket follows, and each listener's place in each run. Every run event carries a
 * seq (contiguous from 0 per run), so:
 * - a listener (`RunCursor`) gets seq n+1 after n, each once: older and repeated seqs (a replay
 *   overlapping what arrived, an announcement still in flight from a restarted feed) are dropped,
 *   and a seq that arrives early is held until the ones before it arrived;
 * - after a reconnect, each run is resumed with `subscribe_run {run_id, after_seq}` from the
 *   furthest-behind listener's last seq, so nobody misses an event;
 * - a listener that joins behind what the socket already streams asks for a replay from its seq.
 * @module
 */
import type { ClientMessageOf, RunEvent } from '@netra/shared/contracts';

const END_EVENTS: ReadonlySet<RunEvent['type']> = new Set(['run_completed', 'run_failed']);

/** One listener's position in one run. */
export class RunCursor {
  private readonly early = new Map<number, RunEvent>();

  constructor(
    private last: number | undefined,
    private readonly onEvent: (event: RunEvent) => void,
  ) {}

  /** The last seq handed to the listener (undefined before the first). */
  get position(): number | undefined {
    return this.last;
  }

  /** Offers an event; hands over every event that now continues the sequence. */
  offer(event: RunEvent): void {
    if (event.seq <= (this.last ?? -1)) {
      return;
    }
    this.early.set(event.seq, event);
    for (let next = this.early.get((this.last ?? -1) + 1); next !== undefined;) {
      this.early.delete(next.seq);
      this.last = next.seq;
      this.onEvent(next);
      next = this.early.get(next.seq + 1);
    }
  }
}

interface FollowedRun {
  cursors: Set<RunCursor>;
  /** The highest seq the socket received for this run. */
  lastSeq: number | undefined;
  ended: boolean;
}

function subscription(runId: string, afterSeq: number | undefined): ClientMessageOf<'subscribe_run'> {
  return {
    type: 'subscribe_run',
    payload: afterSeq === undefined ? { run_id: runId } : { run_id: runId, after_seq: afterSeq },
  };
}

export class RunFollowers {
  private readonly runs = new Map<string, FollowedRun>();

  private run(runId: string): FollowedRun {
    const known = this.runs.get(runId);
    if (known !== undefined) {
      return known;
    }
    const created: FollowedRun = { cursors: new Set(), lastSeq: undefined, ended: false };
    this.runs.set(runId, created);
    return created;
  }

  /**
   * Adds a listener; returns the subscription to send when the socket does not stream the run to
   * it yet (a new run, or a listener behind what already arrived), null otherwise.
   */
  add(runId: string, cursor: RunCursor): ClientMessageOf<'subscribe_run'> | null {
    const run = this.run(runId);
    const isNew = run.cursors.size === 0 && run.lastSeq === undefined;
    run.cursors.add(cursor);
    const behind = run.lastSeq !== undefined && (cursor.position ?? -1) < run.lastSeq;
    return isNew || behind ? subscription(runId, cursor.position) : null;
  }

  /** Removes a listener; a run nobody listens to any more is not resumed after reconnects. */
  remove(runId: string, cursor: RunCursor): void {
    const run = this.runs.get(runId);
    run?.cursors.delete(cursor);
    if (run?.cursors.size === 0) {
      this.runs.delete(runId);
    }
  }

  /** Records an event (runs this connection started are followed from here on) and offers it. */
  accept(event: RunEvent): void {
    const run = this.run(event.run_id);
    run.lastSeq = Math.max(run.lastSeq ?? -1, event.seq);
    run.ended ||= END_EVENTS.has(event.type);
    for (const cursor of run.cursors) {
      cursor.offer(event);
    }
  }

  /** The highest seq received for a run. */
  lastSeq(runId: string): number | undefined {
    return this.runs.get(runId)?.lastSeq;
  }

  /** Where a resumed subscription starts: after the furthest-behind listener, else after the last seq. */
  private resumeAfter(run: FollowedRun): number | undefined {
    if (run.cursors.size === 0) {
      return run.lastSeq;
    }
    const positions = [...run.cursors].map((cursor) => cursor.position ?? -1);
    const least = Math.min(...positions);
    return least < 0 ? undefined : least;
  }

  /** The subscriptions for a new connection: every run not yet ended, or with a listener behind. */
  resumeMessages(): ClientMessageOf<'subscribe_run'>[] {
    return [...this.runs.entries()]
      .filter(([, run]) => !run.ended || (this.resumeAfter(run) ?? -1) < (run.lastSeq ?? -1))
      .map(([runId, run]) => subscription(runId, this.resumeAfter(run)));
  }
}
