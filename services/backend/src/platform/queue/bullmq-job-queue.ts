import type { QueueConnection } from '@netra/shared/redis';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { JobProcessors } from './job-processors.js';
import {
  assertQueueName,
  DEFAULT_BACKOFF_MS,
  DEFAULT_CONCURRENCY,
  type JobContext,
  type JobData,
  type JobOptions,
  type JobProcessor,
  type JobQueue,
  type JobQueueOptions,
  type RepeatOptions,
} from './job-queue.js';

type Connection = ReturnType<QueueConnection['connect']>;

/** Finished jobs are kept a while for inspection, then removed so Redis does not grow without end. */
const RETENTION: JobsOptions = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

function retryOptions(options: { attempts?: number; backoffMs?: number }): JobsOptions {
  return {
    attempts: options.attempts ?? 1,
    backoff: { type: 'fixed', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
  };
}

function contextOf(job: Job<JobData>): JobContext {
  return {
    id: job.id ?? '',
    name: job.name,
    attempt: job.attemptsMade + 1,
    attempts: job.opts.attempts ?? 1,
  };
}

/** The job queue of server mode: BullMQ on the backend's Redis, so any worker process can run a job. */
export class BullJobQueue implements JobQueue {
  readonly mode = 'server' as const;
  readonly name: string;
  private readonly queue: Queue<JobData>;
  private worker: Worker<JobData> | undefined;
  private readonly processors: JobProcessors;
  private readonly connections: Connection[] = [];

  constructor(
    private readonly connection: QueueConnection,
    private readonly options: JobQueueOptions,
  ) {
    assertQueueName(options.name);
    this.name = options.name;
    this.processors = new JobProcessors(options.name, options.onFailure);
    this.queue = new Queue<JobData>(options.name, {
      connection: this.connect(),
      prefix: connection.prefix,
      defaultJobOptions: RETENTION,
    });
    this.queue.on('error', options.onError);
  }

  private connect(): Connection {
    const connection = this.connection.connect();
    this.connections.push(connection);
    return connection;
  }

  async add(jobName: string, data: JobData, options: JobOptions = {}): Promise<string> {
    const job = await this.queue.add(jobName, data, { ...retryOptions(options), delay: options.delayMs });
    return job.id ?? '';
  }

  async repeat(jobName: string, data: JobData, options: RepeatOptions): Promise<void> {
    await this.queue.upsertJobScheduler(
      jobName,
      { every: options.everyMs },
      { name: jobName, data, opts: retryOptions(options) },
    );
  }

  process(jobName: string, processor: JobProcessor): void {
    this.processors.register(jobName, processor);
    this.worker ??= this.startWorker();
  }

  private startWorker(): Worker<JobData> {
    const worker = new Worker<JobData>(this.name, (job) => this.processors.run(contextOf(job), job.data), {
      connection: this.connect(),
      prefix: this.connection.prefix,
      concurrency: this.options.concurrency ?? DEFAULT_CONCURRENCY,
    });
    worker.on('error', this.options.onError);
    return worker;
  }

  async close(): Promise<void> {
    // The worker first: it waits for the running jobs, which may still add jobs to the queue.
    try {
      await this.worker?.close();
      await this.queue.close();
    } finally {
      await Promise.allSettled(this.connections.map((connection) => connection.quit()));
    }
  }
}
