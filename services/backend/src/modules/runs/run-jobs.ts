/**
 * How runs meet the job queues: the `runs` queue (BullMQ in server mode, in process when embedded),
 * its `execute-run {run_id}` processor, and the recovery sweep that executes runs nobody executes
 * (their worker died, or their job was never queued because Redis was down).
 * @module
 */
import type { HotStore } from '@netra/shared/redis';
import type { Logger } from '@netra/shared/server';
import { openJobQueue, type JobData, type JobQueue } from '#platform/queue/index.js';
import type { RunExecutor } from './run-executor.js';
import type { RunsRepository } from './runs.repository.js';

export const RUNS_QUEUE = 'runs';
export const EXECUTE_RUN_JOB = 'execute-run';
/** A run whose organization is at its limit is asked for again after this wait. */
export const ORG_LIMIT_RETRY_MS = 1_000;

export function openRunsQueue(redis: HotStore, logger: Logger, concurrency: number): JobQueue {
  return openJobQueue(redis, {
    name: RUNS_QUEUE,
    concurrency,
    onFailure: ({ job, error }) => {
      logger.error({ queue: RUNS_QUEUE, job: job.name, jobId: job.id, err: error }, 'run job failed');
    },
    onError: (error) => {
      logger.error({ queue: RUNS_QUEUE, err: error }, 'job queue error');
    },
  });
}

/** Asks a worker to execute the run. */
/** Longest wait for Redis to take a job: the run is in PostgreSQL already, and the sweep starts it anyway. */
const ENQUEUE_WAIT_MS = 2_000;

/**
 * Queues a run's job, waiting at most ENQUEUE_WAIT_MS: BullMQ holds commands while Redis is away, and
 * a request must not hang on that (a job that lands later is harmless: the lease lets one execution in).
 */
export async function enqueueRun(queue: JobQueue, runId: string, delayMs?: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the runs queue did not take the job within ${ENQUEUE_WAIT_MS} ms`));
    }, ENQUEUE_WAIT_MS);
  });
  const added = queue.add(EXECUTE_RUN_JOB, { run_id: runId }, delayMs === undefined ? {} : { delayMs });
  try {
    await Promise.race([added, gaveUp]);
  } finally {
    clearTimeout(timer);
    added.catch(() => undefined);
  }
}

/** The `execute-run` processor: executes the run, or asks again later while its org is at the limit. */
export function executeRunProcessor(queue: JobQueue, executor: RunExecutor, logger: Logger) {
  return async (data: JobData): Promise<void> => {
    const runId = typeof data.run_id === 'string' ? data.run_id : '';
    const outcome = await executor.execute(runId);
    if (outcome !== 'org_limit') {
      return;
    }
    await enqueueRun(queue, runId, ORG_LIMIT_RETRY_MS).catch((error: unknown) => {
      // The run stays queued in PostgreSQL: the recovery sweep starts it later.
      logger.warn({ runId, err: error }, 'could not queue a run again');
    });
  };
}

export interface RunRecoveryOptions {
  repository: RunsRepository;
  executor: RunExecutor;
  logger: Logger;
  everyMs: number;
  /** A queued run without a lease for this long lost its job. */
  queuedForMs: number;
  /** Runs this process executes at once, queue jobs and recoveries together. */
  concurrency: number;
}

/**
 * Every `everyMs`, executes live runs whose lease expired or that waited queued too long, while this
 * process has room. A run another worker claims first is simply skipped.
 */
export class RunRecovery {
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private readonly executing = new Set<Promise<unknown>>();

  constructor(private readonly options: RunRecoveryOptions) {}

  start(): void {
    this.timer ??= setInterval(() => {
      void this.sweep();
    }, this.options.everyMs);
    this.timer.unref();
  }

  /** One pass; returns how many runs it started. */
  async sweep(): Promise<number> {
    const { repository, executor, logger, queuedForMs, concurrency } = this.options;
    await executor.retryHotCatchUps();
    const room = concurrency - executor.activeCount;
    if (this.sweeping || room <= 0) {
      return 0;
    }
    this.sweeping = true;
    try {
      const orphans = await repository.orphans(queuedForMs, room);
      for (const { id } of orphans) {
        this.track(
          executor.execute(id).catch((error: unknown) => {
            logger.error({ runId: id, err: error }, 'recovered run failed');
          }),
        );
      }
      return orphans.length;
    } catch (error) {
      logger.warn({ err: error }, 'run recovery sweep failed');
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private track(execution: Promise<unknown>): void {
    this.executing.add(execution);
    void execution.finally(() => this.executing.delete(execution));
  }

  /** Stops sweeping and waits for the runs it started. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.executing]);
  }
}
