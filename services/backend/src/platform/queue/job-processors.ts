import type { JobContext, JobData, JobFailure, JobProcessor } from './job-queue.js';

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The processors of one queue by job name, and the one way both queue kinds run a try of a job. */
export class JobProcessors {
  private readonly byName = new Map<string, JobProcessor>();

  constructor(
    private readonly queue: string,
    private readonly onFailure: (failure: JobFailure) => void,
  ) {}

  get size(): number {
    return this.byName.size;
  }

  register(jobName: string, processor: JobProcessor): void {
    if (this.byName.has(jobName)) {
      throw new Error(`queue ${this.queue} already has a processor for job "${jobName}"`);
    }
    this.byName.set(jobName, processor);
  }

  /** Runs one try; a throw is reported (saying whether a try is left) and rethrown to the queue. */
  async run(job: JobContext, data: JobData): Promise<void> {
    try {
      const processor = this.byName.get(job.name);
      if (processor === undefined) {
        throw new Error(`queue ${this.queue} has no processor for job "${job.name}"`);
      }
      await processor(data, job);
    } catch (thrown) {
      const error = asError(thrown);
      this.onFailure({ queue: this.queue, job, error, willRetry: job.attempt < job.attempts });
      throw error;
    }
  }
}
