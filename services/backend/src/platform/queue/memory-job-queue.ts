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

interface PendingJob {
  context: JobContext;
  data: JobData;
  backoffMs: number;
  /** The schedule that added it, so a schedule never piles up jobs nobody runs. */
  schedule: string | undefined;
}

function closedError(name: string): Error {
  return new Error(`job queue ${name} is closed`);
}

/**
 * The job queue of embedded mode: jobs wait in memory and run in this process, with the same
 * processors, retries and schedules as on BullMQ. Single instance only; waiting jobs end with the process.
 */
export class MemoryJobQueue implements JobQueue {
  readonly mode = 'embedded' as const;
  readonly name: string;
  private readonly processors: JobProcessors;
  private readonly concurrency: number;
  private readonly waiting: PendingJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private lastId = 0;
  private closed = false;

  constructor(options: JobQueueOptions) {
    assertQueueName(options.name);
    this.name = options.name;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.processors = new JobProcessors(options.name, options.onFailure);
  }

  private newJob(name: string, data: JobData, options: JobOptions, schedule?: string): PendingJob {
    this.lastId += 1;
    return {
      context: { id: String(this.lastId), name, attempt: 1, attempts: options.attempts ?? 1 },
      // Copied as BullMQ serialises it, so a processor never shares objects with the caller.
      data: JSON.parse(JSON.stringify(data)) as JobData,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      schedule,
    };
  }

  add(jobName: string, data: JobData, options: JobOptions = {}): Promise<string> {
    if (this.closed) {
      return Promise.reject(closedError(this.name));
    }
    const job = this.newJob(jobName, data, options);
    this.enqueueAfter(options.delayMs ?? 0, job);
    return Promise.resolve(job.context.id);
  }

  repeat(jobName: string, data: JobData, options: RepeatOptions): Promise<void> {
    if (this.closed) {
      return Promise.reject(closedError(this.name));
    }
    clearInterval(this.schedules.get(jobName));
    const due = () => {
      if (!this.waiting.some((job) => job.schedule === jobName)) {
        this.enqueueAfter(0, this.newJob(jobName, data, options, jobName));
      }
    };
    due();
    const timer = setInterval(due, options.everyMs);
    timer.unref();
    this.schedules.set(jobName, timer);
    return Promise.resolve();
  }

  process(jobName: string, processor: JobProcessor): void {
    this.processors.register(jobName, processor);
    this.pump();
  }

  private enqueueAfter(delayMs: number, job: PendingJob): void {
    if (this.closed) {
      return;
    }
    if (delayMs <= 0) {
      this.waiting.push(job);
      this.pump();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueueAfter(0, job);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Starts waiting jobs while there is room; only once this process registered a processor. */
  private pump(): void {
    while (!this.closed && this.processors.size > 0 && this.running.size < this.concurrency) {
      const job = this.waiting.shift();
      if (job === undefined) {
        return;
      }
      const run: Promise<void> = this.runTry(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async runTry(job: PendingJob): Promise<void> {
    try {
      await this.processors.run(job.context, job.data);
    } catch {
      // Reported by the processors; what is left is to try again while attempts remain.
      const { context } = job;
      if (context.attempt < context.attempts) {
        this.enqueueAfter(job.backoffMs, { ...job, context: { ...context, attempt: context.attempt + 1 } });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of [...this.timers, ...this.schedules.values()]) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.schedules.clear();
    this.waiting.length = 0;
    await Promise.all(this.running);
  }
}
