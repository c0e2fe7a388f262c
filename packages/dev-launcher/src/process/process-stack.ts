import type { StopCause } from '#launcher/stop-cause.js';
import { pickTail } from '#launcher/stop-cause.js';
import type { ManagedProcess, StopOutcome } from './managed-process.js';

/** Called for each process `stopAll` had to stop; `leftover` when only its descendants were still running. */
export type StopReporter = (
  name: string,
  outcome: Exclude<StopOutcome, 'not-running'>,
  leftover: boolean,
) => void;

/**
 * Every process the launcher started, in start order, and the one reason it stops. The first
 * cause wins; later ones (such as services exiting because they were stopped) are ignored.
 */
export class ProcessStack {
  readonly stopped: Promise<StopCause>;
  private readonly processes: ManagedProcess[] = [];
  private readonly controller = new AbortController();
  private firstCause: StopCause | undefined;
  private resolveStopped: (cause: StopCause) => void = () => undefined;

  constructor() {
    this.stopped = new Promise((resolve) => {
      this.resolveStopped = resolve;
    });
  }

  /** Aborted as soon as there is a reason to stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether a reason to stop has been recorded (a method, so checks after an await are not narrowed away). */
  isStopping(): boolean {
    return this.firstCause !== undefined;
  }

  /** Records why to stop; returns false when a cause was already recorded. */
  requestStop(cause: StopCause): boolean {
    if (this.firstCause !== undefined) {
      return false;
    }
    this.firstCause = cause;
    this.controller.abort();
    this.resolveStopped(cause);
    return true;
  }

  /** Adds a process; with `critical`, its exit is a reason to stop everything. */
  track(managed: ManagedProcess, options: { critical: boolean }): void {
    this.processes.push(managed);
    if (!options.critical) {
      return;
    }
    void managed.exited.then((exit) => {
      const tail = pickTail(managed.lastLines('stderr'), managed.lastLines('stdout'));
      this.requestStop({ kind: 'exited', name: managed.name, exit, tail });
    });
  }

  /** Whether any tracked process group still has a live process. */
  hasRunning(): boolean {
    return this.processes.some((managed) => managed.isRunning());
  }

  /** Stops every process in reverse start order, one after the other. */
  async stopAll(graceMs: number, report: StopReporter): Promise<void> {
    for (const managed of [...this.processes].reverse()) {
      const leftover = managed.exit !== undefined;
      const outcome = await managed.stop(graceMs);
      if (outcome !== 'not-running') {
        report(managed.name, outcome, leftover);
      }
    }
  }

  /** SIGKILL to every process group at once, synchronously. */
  killAllNow(): void {
    for (const managed of this.processes) {
      managed.killNow();
    }
  }
}
