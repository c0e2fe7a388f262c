/**
 * Which runs a socket follows and how far each has been delivered. Every run event carries a seq
 * (monotonic per run), so after a reconnect the socket resumes each run with
 * `subscribe_run {run_id, after_seq: <last seq seen>}`, and an event at or below the last seq (a
 * replay overlapping what already arrived) is dropped: listeners see every seq once, in order.
 * @module
 */
import type { ClientMessageOf, RunEvent } from '@netra/shared/contracts';

interface FollowedRun {
  lastSeq: number | undefined;
  ended: boolean;
}

const END_EVENTS: ReadonlySet<RunEvent['type']> = new Set(['run_completed', 'run_failed']);

export class RunFollowers {
  private readonly runs = new Map<string, FollowedRun>();

  /** Follows a run from after `afterSeq` (from its start without it); keeps a later position. */
  follow(runId: string, afterSeq?: number): void {
    const known = this.runs.get(runId);
    if (known === undefined) {
      this.runs.set(runId, { lastSeq: afterSeq, ended: false });
      return;
    }
    if (afterSeq !== undefined && (known.lastSeq === undefined || afterSeq > known.lastSeq)) {
      known.lastSeq = afterSeq;
    }
  }

  unfollow(runId: string): void {
    this.runs.delete(runId);
  }

  /**
   * Records an event; false when it is a duplicate or older than what was delivered. A run the
   * socket did not follow yet (one this connection started) is followed from here on.
   */
  accept(event: RunEvent): boolean {
    const run = this.runs.get(event.run_id) ?? { lastSeq: undefined, ended: false };
    this.runs.set(event.run_id, run);
    if (run.lastSeq !== undefined && event.seq <= run.lastSeq) {
      return false;
    }
    run.lastSeq = event.seq;
    run.ended ||= END_EVENTS.has(event.type);
    return true;
  }

  /** The last seq delivered for a run, if any. */
  lastSeq(runId: string): number | undefined {
    return this.runs.get(runId)?.lastSeq;
  }

  /** The subscription for one run, resuming after what it already delivered. */
  subscription(runId: string): ClientMessageOf<'subscribe_run'> {
    const lastSeq = this.runs.get(runId)?.lastSeq;
    const payload = lastSeq === undefined ? { run_id: runId } : { run_id: runId, after_seq: lastSeq };
    return { type: 'subscribe_run', payload };
  }

  /** The subscriptions to send on a new connection: every followed run that has not ended. */
  resumeMessages(): ClientMessageOf<'subscribe_run'>[] {
    return [...this.runs.entries()]
      .filter(([, run]) => !run.ended)
      .map(([runId]) => this.subscription(runId));
  }
}
