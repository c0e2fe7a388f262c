import { Writable } from 'node:stream';
import { MemoryHotStore } from '@netra/shared/redis';
import { createLogger } from '@netra/shared/server';
import { afterEach, describe, expect, it } from 'vitest';
import { LAST_RUN_KEY, type HousekeepingOutcome } from './housekeeping.js';
import { startJobWorker, type JobWorker } from './worker.js';

interface LogLine {
  msg: string;
  level: number;
  outcomes?: HousekeepingOutcome[];
}

function capturedLogger(lines: LogLine[]) {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as LogLine);
      done();
    },
  });
  return createLogger({ service: 'backend', level: 'info' }, destination);
}

const redis = new MemoryHotStore('netra:test:backend:');
const workers: JobWorker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.close()));
});

async function lastRun(): Promise<{ finishedAt: string; outcomes: HousekeepingOutcome[] } | null> {
  const value = await redis.get(LAST_RUN_KEY);
  return value === null
    ? null
    : (JSON.parse(value) as { finishedAt: string; outcomes: HousekeepingOutcome[] });
}

describe('worker role', () => {
  it('runs housekeeping at start, records the run and logs it', async () => {
    const lines: LogLine[] = [];
    const ran: string[] = [];
    const task = { name: 'purge', run: () => Promise.resolve(void ran.push('purge')) };
    workers.push(await startJobWorker({ redis, logger: capturedLogger(lines), housekeeping: [task] }));
    await expect.poll(() => ran).toEqual(['purge']);
    await expect.poll(lastRun).toMatchObject({ outcomes: [{ task: 'purge', ok: true }] });
    expect(lines.map((line) => line.msg)).toContain('worker started');
    await expect.poll(() => lines.map((line) => line.msg)).toContain('housekeeping ran');
  });

  it('runs with no tasks at all', async () => {
    await redis.delete(LAST_RUN_KEY);
    workers.push(await startJobWorker({ redis, logger: capturedLogger([]), housekeeping: [] }));
    await expect.poll(lastRun).toMatchObject({ outcomes: [] });
  });

  it('runs every task when one fails, and reports the job failed', async () => {
    const lines: LogLine[] = [];
    const ran: string[] = [];
    const tasks = [
      { name: 'broken', run: () => Promise.reject(new Error('database gone')) },
      { name: 'fine', run: () => Promise.resolve(void ran.push('fine')) },
    ];
    workers.push(await startJobWorker({ redis, logger: capturedLogger(lines), housekeeping: tasks }));
    await expect.poll(() => lines.find((line) => line.msg === 'job failed')).toBeDefined();
    expect(ran).toEqual(['fine']);
    expect((await lastRun())?.outcomes).toEqual([
      { task: 'broken', ok: false, error: 'database gone' },
      { task: 'fine', ok: true },
    ]);
  });

  it('repeats housekeeping on its schedule', async () => {
    let runs = 0;
    const task = { name: 'count', run: () => Promise.resolve(void (runs += 1)) };
    const logger = capturedLogger([]);
    workers.push(await startJobWorker({ redis, logger, housekeeping: [task], housekeepingEveryMs: 50 }));
    await expect.poll(() => runs).toBeGreaterThanOrEqual(3);
  });
});
