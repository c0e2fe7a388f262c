import type { HotStore } from '@netra/shared/redis';
import { BullJobQueue } from './bullmq-job-queue.js';
import type { JobQueue, JobQueueOptions } from './job-queue.js';
import { MemoryJobQueue } from './memory-job-queue.js';

export type * from './job-queue.js';

/** Opens a job queue on the backend's hot tier: BullMQ when it is Redis, in process when embedded. */
export function openJobQueue(redis: HotStore, options: JobQueueOptions): JobQueue {
  const connection = redis.queueConnection;
  return connection === undefined ? new MemoryJobQueue(options) : new BullJobQueue(connection, options);
}
