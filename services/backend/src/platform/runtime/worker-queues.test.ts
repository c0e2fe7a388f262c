import { MemoryHotStore } from '@netra/shared/redis';
import { createLogger } from '@netra/shared/server';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '#platform/queue/memory-job-queue.js';
import { startJobWorker, type JobWorker } from './worker.js';

const redis = new MemoryHotStore('netra:test:worker-queues:');
const logger = createLogger({ service: 'backend', level: 'silent' });
const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((closable) => closable.close()));
});

function moduleQueue(): MemoryJobQueue {
  const queue = new MemoryJobQueue({ name: 'module', onFailure: () => undefined, onError: () => undefined });
  opened.push(queue);
  return queue;
}

describe('worker role with module queues', () => {
  it('runs the jobs a module queue is given, added before or after the start, and its schedules', async () => {
    const queue = moduleQueue();
    const ran: string[] = [];
    await queue.add('greet', { who: 'early' });
    const worker: JobWorker = await startJobWorker({
      redis,
      logger,
      housekeeping: [],
      queues: [
        {
          queue,
          processors: {
            greet: (data) => Promise.resolve(void ran.push(`greet ${String(data.who)}`)),
            tick: () => Promise.resolve(void ran.push('tick')),
          },
          schedules: [{ job: 'tick', everyMs: 60_000 }],
        },
      ],
    });
    opened.push(worker);
    await queue.add('greet', { who: 'late' });
    await expect.poll(() => [...ran].sort()).toEqual(['greet early', 'greet late', 'tick']);
  });

  it('refuses two processors for one job of a module queue', async () => {
    const queue = moduleQueue();
    queue.process('twice', () => Promise.resolve());
    await expect(
      startJobWorker({
        redis,
        logger,
        housekeeping: [],
        queues: [{ queue, processors: { twice: () => Promise.resolve() } }],
      }),
    ).rejects.toThrow('already has a processor for job "twice"');
  });
});
