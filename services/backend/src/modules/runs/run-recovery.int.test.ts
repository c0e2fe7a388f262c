/**
 * The fault paths of run execution on the real stores: a worker that loses its lease mid-step is
 * replaced by the recovery sweep with no repeated or missing seq; a run whose job was never queued
 * is started by the sweep; a failed agent degrades the run, a deleted thread does not fail it, a
 * run nobody executes is cancelled at once, an unreadable checkpoint fails its run once; a run whose
 * Redis is down completes from PostgreSQL; and once Redis answers again, the hot copy (state key and event stream) is caught up with PostgreSQL.
 * @module
 */
import { openHotStore, type HotStore } from '@netra/shared/redis';
import { createLogger } from '@netra/shared/server';
import { filePostgres, fileRedisNamespace } from '@netra/test-framework/stores';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import { runEventsKey, runStateKey } from './hot-run-tier.js';
import { RunHistory } from './run-history.js';
import { RunsRepository } from './runs.repository.js';
import { runs, type RunRow } from './runs.tables.js';
import { createRunExecutor, startRunsWorker, type RunsWorker } from './runs-wiring.js';
import { RedisProcess } from '#test-support/runs/redis-process.js';
import { SCRIPTED_AGENTS, ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { waitUntil } from '#test-support/runs/wait.js';

const logger = createLogger({ service: 'backend', level: 'silent' });
let test: BackendTestApp;
let worker: RunsWorker;
let repository: RunsRepository;
let actor: OrgPrincipal;
let ownDatabase: Awaited<ReturnType<typeof filePostgres>>;
const live = new ScriptedPipeline();

beforeAll(async () => {
  // Its own database: the recovery sweep takes the oldest orphans, which must be this file's runs.
  ownDatabase = await filePostgres('runs_recovery');
  test = await startBackendTestApp({
    ...(ownDatabase === undefined ? {} : { DATABASE_URL: ownDatabase.databaseUrl }),
    REDIS_NAMESPACE: fileRedisNamespace('runs-recovery'),
    RUN_LEASE_MS: '3000',
    RUN_HOT_TIMEOUT_MS: '1000',
    RUN_CONCURRENCY_PER_ORG: '10',
    RUN_WORKER_CONCURRENCY: '4',
  });
  worker = startRunsWorker(test.backend, logger, { pipeline: live });
  repository = new RunsRepository(test.backend.stores.postgres.db);
  const person = await testPerson(test, 'recovery');
  const org = await test.backend.services.organizations.create(person, { name: 'Recovery' });
  actor = { ...person, orgId: org.id, role: 'owner' };
}, 120_000);

afterAll(async () => {
  await worker.close();
  await test.close();
  await ownDatabase?.drop();
});

/** A run stored as queued with no job: only an executor told its id (or the sweep) runs it. */
async function unqueuedRun(text: string): Promise<RunRow> {
  const thread = await test.backend.services.threads.create(actor, 'Recovery');
  return repository.create({ orgId: actor.orgId, threadId: thread.id, createdBy: actor.userId, text });
}

function ended(runId: string): Promise<RunRow> {
  return waitUntil(`run ${runId} to end`, async () => {
    const run = await repository.findById(runId);
    return run !== undefined && ['completed', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  });
}

async function storedSeqs(runId: string): Promise<number[]> {
  return (await repository.eventsAfter(runId, -1, 10_000)).map((event) => event.seq);
}

const upTo = (last: number) => Array.from({ length: last + 1 }, (_value, index) => index);

describe('lease takeover', () => {
  it('finishes a run whose worker lost its lease mid-step, with no seq repeated or missing', async () => {
    const doomed = new ScriptedPipeline();
    const crashed = createRunExecutor(test.backend, logger, { pipeline: doomed, workerId: 'doomed-worker' });
    const run = await unqueuedRun(`Crash inside the data helper ${doomed.holdText('data_helper')}`);
    const execution = crashed.execute(run.id);
    await doomed.reached(run.id);
    const beforeCrash = await storedSeqs(run.id);
    // As after a crash: the lease names a worker that is gone, and it has expired.
    await test.backend.stores.postgres.db
      .update(runs)
      .set({ leaseOwner: 'crashed-worker', leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(runs.id, run.id));
    await worker.recovery.sweep();
    expect(await execution).toBe('lease_lost');
    const finished = await ended(run.id);
    expect(finished).toMatchObject({ status: 'completed', attempts: 2, leaseOwner: null });
    const events = await repository.eventsAfter(run.id, -1, 10_000);
    expect(events.map((event) => event.seq)).toEqual(upTo(finished.lastSeq));
    expect(events.slice(0, beforeCrash.length).map((event) => event.seq)).toEqual(beforeCrash);
    expect(events).toHaveLength(SCRIPTED_AGENTS.length * 7 + 2);
    const calls = events.filter((event) => event.agent === 'data_helper' && event.type.startsWith('tool_'));
    expect(calls.map((event) => [event.type, event.payload.call_id])).toEqual([
      ['tool_executing', calls[0]?.payload.call_id],
      ['tool_completed', calls[0]?.payload.call_id],
    ]);
    const checkpoints = await repository.checkpoints(run.id);
    const [first, second, ...resumed] = checkpoints.map((checkpoint) => checkpoint.worker);
    expect([first, second]).toEqual(['doomed-worker', 'doomed-worker']);
    expect(resumed).toHaveLength(2);
    expect(resumed).not.toContain('doomed-worker');
  });

  it('hands a run over when its worker stops: another worker resumes it at once, seq intact', async () => {
    const leaving = new ScriptedPipeline();
    const stopping = createRunExecutor(test.backend, logger, {
      pipeline: leaving,
      workerId: 'leaving-worker',
    });
    const run = await unqueuedRun(`Shut down meanwhile ${leaving.holdText('data_helper')}`);
    const execution = stopping.execute(run.id);
    await leaving.reached(run.id);
    stopping.stopAll();
    expect(await execution).toBe('handed_over');
    expect(await stopping.execute(run.id)).toBe('busy');
    await worker.recovery.sweep();
    const finished = await ended(run.id);
    expect(finished).toMatchObject({ status: 'completed', attempts: 2 });
    expect(await storedSeqs(run.id)).toEqual(upTo(finished.lastSeq));
    const workers = (await repository.checkpoints(run.id)).map((checkpoint) => checkpoint.worker);
    expect(workers.slice(0, 2)).toEqual(['leaving-worker', 'leaving-worker']);
    expect(workers.slice(2)).not.toContain('leaving-worker');
  });

  it('starts a queued run whose job was never queued', async () => {
    const run = await unqueuedRun('Queued while Redis was away');
    const finished = await ended(run.id);
    expect(finished).toMatchObject({ status: 'completed', attempts: 1 });
    expect(await storedSeqs(run.id)).toEqual(upTo(finished.lastSeq));
  });
});

describe('degraded and failed runs', () => {
  it('records a failed agent as agent_error, goes on, and keeps the failure in the history', async () => {
    const run = await unqueuedRun(`Fail the helper ${live.failText('data_helper')}`);
    await worker.executor.execute(run.id);
    const finished = await ended(run.id);
    expect(finished.status).toBe('completed');
    const events = await repository.eventsAfter(run.id, -1, 10_000);
    expect(events.find((event) => event.type === 'agent_error')).toMatchObject({
      agent: 'data_helper',
      payload: { code: 'scripted_failure', retryable: false },
    });
    const history = new RunHistory(test.backend.stores.clickhouse, repository);
    const steps = await history.stepsOf(actor.orgId, run.id);
    expect(steps.map((step) => [step.agent, step.ok])).toEqual(
      SCRIPTED_AGENTS.map((agent) => [agent, agent !== 'data_helper']),
    );
  });

  it('completes when its thread was deleted before the answer could be added', async () => {
    const run = await unqueuedRun(`Deleted thread ${live.holdText('reporting')}`);
    const execution = worker.executor.execute(run.id);
    await live.reached(run.id);
    await test.backend.services.threads.remove(actor, run.threadId);
    live.release(run.id);
    await execution;
    expect(await ended(run.id)).toMatchObject({ status: 'completed', error: null });
  });

  it('cancels a run nobody executes at once, with its run_failed event', async () => {
    const run = await unqueuedRun('Never started');
    const cancelled = await test.backend.services.runs.cancel(actor.orgId, run.id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      lastSeq: 0,
      error: { code: 'cancelled' },
      leaseOwner: null,
    });
    const events = await repository.eventsAfter(run.id, -1, 10);
    expect(events.map((event) => [event.seq, event.type, event.payload.code])).toEqual([
      [0, 'run_failed', 'cancelled'],
    ]);
    expect(await worker.executor.execute(run.id)).toBe('ended');
  });

  it('fails a run whose checkpoint no longer reads, once, instead of recovering it forever', async () => {
    const run = await unqueuedRun('Unreadable checkpoint');
    expect((await repository.claim(run.id, 'ghost-worker', 60_000, 10)).kind).toBe('claimed');
    const unreadable = { done: 'not a list of agents' };
    const write = { stepIndex: 0, agent: 'triage' as const, state: unreadable, lastSeq: -1 };
    await repository.checkpoint(run.id, 'ghost-worker', {
      ...write,
      planned: [],
      nextAgent: null,
      workflow: null,
    });
    await test.backend.stores.postgres.db
      .update(runs)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(runs.id, run.id));
    await worker.executor.execute(run.id);
    const finished = await ended(run.id);
    expect(finished).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(await storedSeqs(run.id)).toEqual([0]);
  });
});

describe('a Redis outage', () => {
  let redis: RedisProcess;
  let hot: HotStore;
  const pipeline = new ScriptedPipeline();

  beforeAll(async () => {
    redis = await RedisProcess.start();
    hot = openHotStore({ url: redis.url, keyPrefix: `${fileRedisNamespace('runs-outage')}:backend:` });
    await hot.ping();
  });

  afterAll(async () => {
    await hot.close();
    await redis.stop();
  });

  const executor = () =>
    createRunExecutor(test.backend, logger, { pipeline, workerId: 'redis-less', redis: hot });

  async function staleCount(): Promise<number> {
    const metric = await test.backend.metrics.registry.getSingleMetric('netra_run_hot_stale_total')?.get();
    return metric?.values[0]?.value ?? 0;
  }

  it('never stalls a run: it completes from PostgreSQL while Redis is down', async () => {
    await redis.stop();
    const staleBefore = await staleCount();
    const run = await unqueuedRun('Redis is down');
    expect(await executor().execute(run.id)).toBe('completed');
    const finished = await ended(run.id);
    expect(finished.reportId).not.toBeNull();
    expect(await storedSeqs(run.id)).toEqual(upTo(finished.lastSeq));
    expect(await staleCount()).toBeGreaterThan(staleBefore);
  });

  it('catches the hot copy up with PostgreSQL once Redis answers again', async () => {
    await redis.stop();
    const run = await unqueuedRun(`Redis comes back ${pipeline.holdText('reporting')}`);
    const execution = executor().execute(run.id);
    await pipeline.reached(run.id);
    await redis.resume();
    await waitUntil('the hot store to reconnect', () =>
      hot.ping().then(
        () => true,
        () => undefined,
      ),
    );
    pipeline.release(run.id);
    expect(await execution).toBe('completed');
    const finished = await ended(run.id);
    const stream = await hot.streamRange(runEventsKey(run.id));
    expect(stream.map((entry) => Number(entry.fields.seq))).toEqual(upTo(finished.lastSeq));
    const last = JSON.parse(stream.at(-1)?.fields.event ?? '{}') as { type?: string };
    expect(last.type).toBe('run_completed');
    const state = JSON.parse((await hot.get(runStateKey(run.id))) ?? '{}') as Record<string, unknown>;
    expect(state).toMatchObject({ run_id: run.id, status: 'completed', last_seq: finished.lastSeq });
  });
});
