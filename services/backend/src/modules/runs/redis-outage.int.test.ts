/**
 * Redis goes away in the middle of a real agent run. The backend runs on a redis-server this test
 * started on a free port (never the machine's shared one), with the BullMQ runs queue and the
 * worker role's real agents on it. The run goes on from PostgreSQL and completes; the test prints
 * how long after the outage the run's next event was stored (target under 5 s). When Redis is back,
 * the run's hot copy (state and event stream) is rebuilt from PostgreSQL.
 * @module
 */
import { openHotStore, type HotStore } from '@netra/shared/redis';
import { createLogger } from '@netra/shared/server';
import { filePostgres, fileRedisNamespace } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '#composition.js';
import type { JobWorker } from '#platform/runtime/worker.js';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';
import { runEventsKey, runStateKey } from './hot-run-tier.js';
import { RunsRepository } from './runs.repository.js';
import { RedisProcess } from '#test-support/runs/redis-process.js';
import { waitUntil } from '#test-support/runs/wait.js';

const TARGET_MS = 5_000;
const namespace = fileRedisNamespace('runs-redis-outage');

let redis: RedisProcess;
let auth: AuthServiceFixture;
let test: BackendTestApp;
let worker: JobWorker;
let runs: RunsRepository;
let hot: HotStore;
let ownDatabase: Awaited<ReturnType<typeof filePostgres>>;

beforeAll(async () => {
  redis = await RedisProcess.start();
  // Its own database: the worker's recovery sweep must find this file's runs, not other files'.
  ownDatabase = await filePostgres('redis_outage');
  auth = await startAuthService();
  test = await startBackendTestApp({
    ...(ownDatabase === undefined ? {} : { DATABASE_URL: ownDatabase.databaseUrl }),
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
    REDIS_URL: redis.url,
    REDIS_NAMESPACE: namespace,
    // A short lease: the recovery sweep (every half lease) starts a run whose job Redis could not take.
    RUN_LEASE_MS: '4000',
    // The queues report every failed reconnection while Redis is away; the test reads PostgreSQL instead.
    LOG_LEVEL: 'fatal',
  });
  worker = await startWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }));
  runs = new RunsRepository(test.backend.stores.postgres.db);
  hot = openHotStore({ url: redis.url, keyPrefix: `${namespace}:backend:` });
}, 240_000);

afterAll(async () => {
  await redis.resume().catch(() => undefined);
  await worker.close();
  await hot.close();
  await test.close();
  await auth.stop();
  await redis.stop();
  await ownDatabase?.drop();
});

async function storedEvents(runId: string) {
  return runs.eventsAfter(runId, -1, 10_000);
}

describe('a Redis outage in the middle of a run', () => {
  it('continues from PostgreSQL, completes, starts new runs, and the hot copies catch up when Redis returns', async () => {
    const baseUrl = await test.app.listen({ port: 0, host: '127.0.0.1' });
    const person = await auth.register('outage');
    const client = new PlatformClient(baseUrl, person);
    const orgId = await client.personalOrg();
    const laterThread = await client.newThread(orgId);
    await client.ingest(orgId, generatePlantedWorkload({ events: 20_000 }).events);
    const started = await client.startRun(
      orgId,
      await client.newThread(orgId),
      'Where can we cut our LLM spend?',
    );

    await waitUntil(
      'the data agent to start',
      async () =>
        (await storedEvents(started.id)).some((e) => e.type === 'agent_started' && e.agent === 'data') ||
        undefined,
    );
    const stoppedAt = Date.now();
    await redis.stop();

    const run = await waitUntil('the run to end while Redis is down', async () => {
      const row = await runs.findById(started.id);
      return row?.endedAt === null ? undefined : row;
    });
    expect(run.status).toBe('completed');
    const events = await storedEvents(started.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    const next = events.find((event) => event.ts.getTime() > stoppedAt);
    expect(next).toBeDefined();
    const continuedMs = (next?.ts.getTime() ?? Number.NaN) - stoppedAt;
    process.stdout.write(
      `[redis outage] the run's next event was stored ${continuedMs} ms after Redis stopped ` +
        `(target < ${TARGET_MS} ms: ${continuedMs < TARGET_MS ? 'PASS' : 'FAIL'})\n`,
    );

    // A run asked for while Redis is still away (through the service: the HTTP guard's rate limits and
    // revocation list live in Redis too): its job cannot be queued, and the recovery sweep starts it.
    const actor = {
      userId: person.id,
      email: person.email,
      name: person.name,
      tokenId: 't',
      orgId,
      role: 'member' as const,
    };
    const second = await test.backend.services.runs.start(actor, laterThread, 'And what about batch?');
    expect(second.status).toBe('queued');
    const secondRun = await waitUntil('the second run to end while Redis is down', async () => {
      const row = await runs.findById(second.id);
      return row?.endedAt === null ? undefined : row;
    });
    expect(secondRun.status).toBe('completed');

    await redis.resume();
    for (const runId of [started.id, second.id]) {
      const stored = await storedEvents(runId);
      // A catch-up rewrites the events first and the state last: wait for both.
      const state = await waitUntil('the hot copy to catch up', async () => {
        const stream = await hot.streamRange(runEventsKey(runId)).catch(() => []);
        const hotState = JSON.parse((await hot.get(runStateKey(runId)).catch(() => null)) ?? '{}') as {
          last_seq?: number;
        };
        return stream.length === stored.length && hotState.last_seq === stored.length - 1
          ? hotState
          : undefined;
      });
      expect(state).toMatchObject({ run_id: runId, status: 'completed', last_seq: stored.length - 1 });
      expect((await client.run(orgId, runId)).report_id).not.toBeNull();
    }
  }, 300_000);
});
