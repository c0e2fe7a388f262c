/**
 * What both job queues promise, as test cases: the in-process queue runs them in unit tests, BullMQ
 * on Redis in integration tests, so the processors behave the same in embedded and server mode.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import type { JobContext, JobFailure, JobQueue, JobQueueOptions } from '#platform/queue/index.js';

/** Opens a queue; each case passes a fresh name so cases never share jobs. */
export type OpenJobQueue = (options: JobQueueOptions) => JobQueue;

interface Harness {
  queue: JobQueue;
  failures: JobFailure[];
}

type NewHarness = () => Harness;

const POLL = { timeout: 10_000 };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function runsOnce(harness: NewHarness): void {
  it('runs a job once, with its data, and a delayed one once it is due', async () => {
    const { queue, failures } = harness();
    const runs: [string, unknown, number][] = [];
    queue.process('greet', (data, job) => {
      runs.push([job.name, data, job.attempt]);
      return Promise.resolve();
    });
    await queue.add('greet', { who: 'now' });
    await queue.add('greet', { who: 'later' }, { delayMs: 50 });
    await expect.poll(() => runs.length, POLL).toBe(2);
    await queue.close();
    expect(runs).toEqual([
      ['greet', { who: 'now' }, 1],
      ['greet', { who: 'later' }, 1],
    ]);
    expect(failures).toEqual([]);
  });
}

function retriesUntilSuccess(harness: NewHarness): void {
  it('tries a failing job again until it succeeds, within its attempts', async () => {
    const { queue, failures } = harness();
    const attempts: number[] = [];
    queue.process('flaky', (_data, job) => {
      attempts.push(job.attempt);
      return job.attempt < 3
        ? Promise.reject(new Error(`try ${String(job.attempt)} failed`))
        : Promise.resolve();
    });
    await queue.add('flaky', {}, { attempts: 3, backoffMs: 10 });
    await expect.poll(() => attempts, POLL).toEqual([1, 2, 3]);
    expect(failures.map((failure) => [failure.error.message, failure.willRetry])).toEqual([
      ['try 1 failed', true],
      ['try 2 failed', true],
    ]);
  });
}

function givesUp(harness: NewHarness): void {
  it('gives up on a job that fails every attempt, reporting the last failure as final', async () => {
    const { queue, failures } = harness();
    const attempts: number[] = [];
    queue.process('broken', (_data, job) => {
      attempts.push(job.attempt);
      return Promise.reject(new Error('always'));
    });
    await queue.add('broken', {}, { attempts: 2, backoffMs: 10 });
    await expect.poll(() => failures.length, POLL).toBe(2);
    expect(failures.map((failure) => [failure.job.attempt, failure.job.attempts, failure.willRetry])).toEqual(
      [
        [1, 2, true],
        [2, 2, false],
      ],
    );
    await queue.close();
    expect(attempts).toEqual([1, 2]);
  });
}

function failsUnknownJobs(harness: NewHarness): void {
  it('fails a job nobody processes, saying so, and refuses a second processor for a name', async () => {
    const { queue, failures } = harness();
    queue.process('known', () => Promise.resolve());
    await queue.add('unknown', {});
    await expect
      .poll(() => failures.map((failure) => failure.error.message), POLL)
      .toEqual([expect.stringMatching(/no processor for job "unknown"/)]);
    expect(() => {
      queue.process('known', () => Promise.resolve());
    }).toThrow(/already has a processor/);
  });
}

function repeats(harness: NewHarness): void {
  it('runs a repeatable job at once and then again and again', async () => {
    const { queue } = harness();
    const runs: JobContext[] = [];
    queue.process('tick', (_data, job) => {
      runs.push(job);
      return Promise.resolve();
    });
    // Declared twice, as two worker processes would: still one schedule.
    await queue.repeat('tick', { every: 'time' }, { everyMs: 100 });
    await queue.repeat('tick', { every: 'time' }, { everyMs: 100 });
    await expect.poll(() => runs.length, POLL).toBeGreaterThanOrEqual(3);
    expect(new Set(runs.map((job) => job.id)).size).toBe(runs.length);
  });
}

function closeWaits(harness: NewHarness): void {
  it('waits on close for the job that is running', async () => {
    const { queue } = harness();
    const gate = deferred();
    const events: string[] = [];
    queue.process('slow', async () => {
      events.push('started');
      await gate.promise;
      events.push('finished');
    });
    await queue.add('slow', {});
    await expect.poll(() => events, POLL).toEqual(['started']);
    const closing = queue.close().then(() => events.push('closed'));
    // Room for a close that did not wait to finish first; the order below is what is asserted.
    await sleep(200);
    gate.resolve();
    await closing;
    expect(events).toEqual(['started', 'finished', 'closed']);
    await expect(queue.add('slow', {})).rejects.toThrow();
  });
}

/** Registers the job-queue contract cases in the current describe block. */
export function jobQueueContract(open: OpenJobQueue): void {
  const opened: JobQueue[] = [];
  const queueErrors: Error[] = [];
  let created = 0;
  const harness = (): Harness => {
    const failures: JobFailure[] = [];
    created += 1;
    const queue = open({
      name: `contract-${String(Date.now())}-${String(created)}`,
      onFailure: (failure) => failures.push(failure),
      onError: (error) => queueErrors.push(error),
    });
    opened.push(queue);
    return { queue, failures };
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
    expect(queueErrors.splice(0)).toEqual([]);
  });
  for (const cases of [runsOnce, retriesUntilSuccess, givesUp, failsUnknownJobs, repeats, closeWaits]) {
    cases(harness);
  }
}
