import type { HotStore } from '@netra/shared/redis';
import type { Logger } from '@netra/shared/server';
import { openJobQueue, type JobFailure, type JobProcessor, type JobQueue } from '#platform/queue/index.js';
import { runHousekeeping, type HousekeepingTask } from './housekeeping.js';

export const HOUSEKEEPING_QUEUE = 'housekeeping';
export const HOUSEKEEPING_JOB = 'housekeeping';
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/** The running worker role; closing waits for the running jobs. */
export interface JobWorker {
  close(): Promise<void>;
}

/**
 * A module's queue whose jobs this worker runs. The composition opens it (and closes it), so the API
 * role of the same process can add jobs to it, which an embedded in-process queue needs.
 */
export interface WorkerQueue {
  queue: JobQueue;
  processors: Readonly<Record<string, JobProcessor>>;
  /** Jobs added on a schedule, the first at start. */
  schedules?: readonly { job: string; everyMs: number }[];
}

export interface WorkerOptions {
  redis: HotStore;
  logger: Logger;
  housekeeping: readonly HousekeepingTask[];
  queues?: readonly WorkerQueue[];
  /** How often housekeeping runs (the first run is due at start). */
  housekeepingEveryMs?: number;
}

function reportFailure(logger: Logger, failure: JobFailure): void {
  const { queue, job, error, willRetry } = failure;
  const fields = {
    queue,
    job: job.name,
    jobId: job.id,
    attempt: job.attempt,
    attempts: job.attempts,
    err: error,
  };
  if (willRetry) {
    logger.warn(fields, 'job try failed; it will run again');
    return;
  }
  logger.error(fields, 'job failed');
}

function openQueue(name: string, options: WorkerOptions): JobQueue {
  const { logger } = options;
  return openJobQueue(options.redis, {
    name,
    onFailure: (failure) => {
      reportFailure(logger, failure);
    },
    onError: (error) => {
      logger.error({ queue: name, err: error }, 'job queue error');
    },
  });
}

async function runModuleQueues(queues: readonly WorkerQueue[]): Promise<void> {
  for (const { queue, processors, schedules = [] } of queues) {
    for (const [job, processor] of Object.entries(processors)) {
      queue.process(job, processor);
    }
    for (const { job, everyMs } of schedules) {
      await queue.repeat(job, {}, { everyMs });
    }
  }
}

/**
 * The worker role: opens the job queues and runs their processors in this process: housekeeping on
 * a schedule, and the modules' queues the composition hands it (their processors and schedules). Closing waits for the running jobs, then lets go of the queues.
 */
export async function startJobWorker(options: WorkerOptions): Promise<JobWorker> {
  const { redis, logger } = options;
  const housekeeping = openQueue(HOUSEKEEPING_QUEUE, options);
  try {
    housekeeping.process(HOUSEKEEPING_JOB, async () => {
      await runHousekeeping(options.housekeeping, { redis, logger });
    });
    const everyMs = options.housekeepingEveryMs ?? HOUSEKEEPING_EVERY_MS;
    await housekeeping.repeat(HOUSEKEEPING_JOB, {}, { everyMs });
    await runModuleQueues(options.queues ?? []);
  } catch (error) {
    await housekeeping.close();
    throw error;
  }
  const names = [housekeeping.name, ...(options.queues ?? []).map(({ queue }) => queue.name)];
  logger.info({ queues: names, mode: housekeeping.mode }, 'worker started');
  return { close: () => housekeeping.close() };
}
