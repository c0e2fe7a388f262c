import type { TierMode } from '@netra/shared';

/** A job's data: JSON, as it is stored in Redis (the in-process queue copies it the same way). */
export type JobData = Record<string, unknown>;

export interface JobOptions {
  /** Runs no sooner than this many milliseconds from now. */
  delayMs?: number;
  /** Tries in all (default 1): a job whose processor throws runs again until one succeeds or none are left. */
  attempts?: number;
  /** Wait between two tries (default 1 s). */
  backoffMs?: number;
}

export interface RepeatOptions {
  /** The first run is due at once, then one every this many milliseconds. */
  everyMs: number;
  attempts?: number;
  backoffMs?: number;
}

/** The job a processor is running. */
export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first try. */
  attempt: number;
  attempts: number;
}

export type JobProcessor = (data: JobData, job: JobContext) => Promise<void>;

/** A try that threw: retried later when `willRetry`, failed for good otherwise. */
export interface JobFailure {
  queue: string;
  job: JobContext;
  error: Error;
  willRetry: boolean;
}

export interface JobQueueOptions {
  /** Letters, digits, `-` and `_`; Redis keys put it under the namespace. */
  name: string;
  /** Jobs this process runs at once (default 1). */
  concurrency?: number;
  /** Every failed try, so none goes unseen. */
  onFailure: (failure: JobFailure) => void;
  /** Trouble of the queue itself (its Redis connection), not of a job. */
  onError: (error: Error) => void;
}

/**
 * One job queue (ARCHITECTURE §1.1 platform/queue): BullMQ on Redis in server mode, so any worker
 * process may run a job; in process when embedded. Both run the same processors with the same rules.
 */
export interface JobQueue {
  readonly name: string;
  readonly mode: TierMode;
  /** Adds a job; returns its id. Any process may add; only processes that called `process` run jobs. */
  add(jobName: string, data: JobData, options?: JobOptions): Promise<string>;
  /** Adds or replaces the schedule named `jobName`: one schedule however many processes declare it. */
  repeat(jobName: string, data: JobData, options: RepeatOptions): Promise<void>;
  /** Registers the processor of `jobName` and starts running this queue's jobs in this process. */
  process(jobName: string, processor: JobProcessor): void;
  /** Stops taking jobs, waits for the running ones to finish, then lets go of the connections. */
  close(): Promise<void>;
}

export const DEFAULT_BACKOFF_MS = 1_000;
export const DEFAULT_CONCURRENCY = 1;
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export function assertQueueName(name: string): void {
  if (!QUEUE_NAME_PATTERN.test(name)) {
    throw new Error(`invalid queue name "${name}": use letters, digits, - and _`);
  }
}
