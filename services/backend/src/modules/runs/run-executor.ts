/**
 * The worker side of runs: claims a run's lease and executes it. Claiming is the only gate, so a
 * queue job delivered twice and a recovery sweep never execute one run twice at once.
 * @module
 */
import type { RunEvent } from '@netra/shared/contracts';
import type { RunEventListener } from './run-event-log.js';
import { RunExecution, type ExecutionOutcome, type RunExecutionDeps } from './run-execution.js';

export interface RunExecutorDeps extends Omit<RunExecutionDeps, 'listeners'> {
  /** Runs of one organization executing at once. */
  orgLimit: number;
}

/** What asking to execute a run did: executed it to one of its ends, or why not. */
export type ExecuteOutcome = ExecutionOutcome | 'missing' | 'ended' | 'busy' | 'org_limit';

export class RunExecutor {
  private readonly active = new Map<string, RunExecution | undefined>();
  private stopping = false;
  private readonly listeners: RunEventListener[] = [];

  constructor(private readonly deps: RunExecutorDeps) {}

  /** This worker's id, as leases, checkpoints and history name it. */
  get worker(): string {
    return this.deps.worker;
  }

  /** Rewrites the hot copies of runs that ended while Redis was away, once it answers again. */
  retryHotCatchUps(): Promise<number> {
    return this.deps.hot.retryPending();
  }

  /** Runs this process is executing now. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Every event this worker stores, as it is stored (for the bench and fault tests). */
  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners.splice(this.listeners.indexOf(listener), 1);
    };
  }

  /**
   * Takes no more runs and stops the ones executing, each letting go of its lease so another worker
   * resumes it at once (a shutting-down worker does not hold runs for a whole lease).
   */
  stopAll(): void {
    this.stopping = true;
    for (const execution of this.active.values()) {
      execution?.stop();
    }
  }

  private stopIfStopping(execution: RunExecution): void {
    if (this.stopping) {
      execution.stop();
    }
  }

  async execute(runId: string): Promise<ExecuteOutcome> {
    if (this.active.has(runId) || this.stopping) {
      return 'busy';
    }
    this.active.set(runId, undefined);
    const { repository, worker, leaseMs, orgLimit } = this.deps;
    try {
      const claim = await repository.claim(runId, worker, leaseMs, orgLimit);
      if (claim.kind !== 'claimed') {
        return claim.kind;
      }
      const execution = new RunExecution({ ...this.deps, listeners: this.listeners }, claim.run);
      this.active.set(runId, execution);
      // stopAll may have run while the claim was on its way.
      this.stopIfStopping(execution);
      return await execution.execute();
    } finally {
      this.active.delete(runId);
    }
  }
}
