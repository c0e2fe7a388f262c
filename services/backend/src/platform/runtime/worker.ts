import type { HotStore } from '@netra/shared/redis';
import type { Logger } from '@netra/shared/server';
import { openJobQueue, type JobFailure, type JobQueue } from '#platform/queue/index.js';
import { runHousekeeping, type HousekeepingTask } from './housekeeping.js';

export const HOUSEKEEPING_QUEUE = 'housekeeping';
export const HOUSEKEEPING_JOB = 'housekeeping';
const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/** The running worker role; closing waits for the running jobs. */
export interface JobWorker {
  close(): Promise<void>;
}

export interface WorkerOptions {
  redis: HotStore;
  logger: Logger;
  housekeeping: readonly HousekeepingTask[];
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

/**
 * The worker role: opens the job queues and runs their processors in this process. For now only
 * housekeeping, on a schedule. Closing waits for the running jobs, then lets go of the queues.
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
  } catch (error) {
    await housekeeping.close();
    throw error;
  }
  logger.info({ queues: [housekeeping.name], mode: housekeeping.mode }, 'worker started');
  return { close: () => housekeeping.close() };
}
