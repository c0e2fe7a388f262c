import { describe } from 'vitest';
import { jobQueueContract } from '#test-support/job-queue-contract.js';
import { MemoryJobQueue } from './memory-job-queue.js';

describe('in-process job queue', () => {
  jobQueueContract((options) => new MemoryJobQueue(options));
});
