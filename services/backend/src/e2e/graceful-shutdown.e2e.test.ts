/**
 * SIGTERM (what an orchestrator sends before it replaces an instance) loses nothing. During
 * ingestion: every batch the backend acknowledged is stored — counted after a restart on the same
 * stores. During a run: the process exits cleanly, handing its run back, and another process
 * finishes it with an unbroken event sequence.
 * @module
 */
import type { UsageEventInput } from '@netra/shared';
import { createdApiKeySchema, spendSummarySchema } from '@netra/shared/contracts';
import { filePostgres, serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';
import { PlatformClient } from '#test-support/platform-client.js';

const BATCH = 250;
const HOUR_MS = 3_600_000;
const SENDERS = 4;
const MESSAGE = 'Help me reduce my AI costs by 30% while maintaining quality.';

let auth: AuthServiceFixture;
let ownDatabase: Awaited<ReturnType<typeof filePostgres>>;
const running: RunningService[] = [];

function environment(dataDir: string) {
  return serviceTestEnvironment({
    dataDir,
    overrides: {
      // Its own database: a run handed back here is never taken by another file's worker, nor theirs here.
      ...(ownDatabase === undefined ? {} : { DATABASE_URL: ownDatabase.databaseUrl }),
      AUTH_SERVICE_URL: auth.url,
      // info: the shutdown's own log lines are part of what the test reads.
      LOG_LEVEL: 'info',
      INGEST_REQUESTS_PER_MIN: '100000',
    },
  });
}

async function startBackend(dataDir: string): Promise<RunningService> {
  const backend = await startServiceProcess({ service: 'backend', environment: environment(dataDir) });
  running.push(backend);
  return backend;
}

function requestsOf(events: readonly UsageEventInput[]): number {
  return events.reduce((sum, event) => sum + ((event as { request_count?: number }).request_count ?? 1), 0);
}

/** Sends batches from several senders until told to stop; returns the batches answered 200. */
async function sendUntil(url: string, key: string, batches: UsageEventInput[][], stopped: () => boolean) {
  const acknowledged: UsageEventInput[][] = [];
  let next = 0;
  const sender = async () => {
    while (!stopped() && next < batches.length) {
      const batch = batches[next++] ?? [];
      const answer = await fetch(`${url}/api/v1/ingest/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      }).catch(() => undefined);
      if (answer?.status === 200) {
        acknowledged.push(batch);
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return acknowledged;
}

beforeAll(async () => {
  ownDatabase = await filePostgres('graceful_shutdown');
  auth = await startAuthService();
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((backend) => backend.stop()));
  await auth.stop();
  await ownDatabase?.drop();
});

describe('SIGTERM', () => {
  it('during ingestion: every acknowledged batch is stored', async () => {
    const dataDir = tempDataDir('shutdown-ingest');
    const first = await startBackend(dataDir);
    const client = new PlatformClient(first.url, await auth.register('shutdown-ingest'));
    const orgId = await client.personalOrg();
    const key = createdApiKeySchema.parse(
      await client.ok('POST', `/orgs/${orgId}/api-keys`, { name: 'load' }),
    );
    const events = generatePlantedWorkload({ events: 40_000 }).events;
    const batches = Array.from({ length: Math.ceil(events.length / BATCH) }, (_unused, index) =>
      events.slice(index * BATCH, (index + 1) * BATCH),
    );
    let stopping = false;
    const sending = sendUntil(first.url, key.key, batches, () => stopping);
    // Once a few batches are in, the signal lands while others are on the wire.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await first.stop();
    stopping = true;
    const acknowledged = await sending;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(first.output()).toContain('requests drained');

    const second = await startBackend(dataDir);
    client.moveTo(second.url);
    const times = events.map((event) => Date.parse(String(event.timestamp)));
    // The summary reads hourly aggregates: whole hours around the events.
    const from = new Date(Math.floor(Math.min(...times) / HOUR_MS) * HOUR_MS).toISOString();
    const to = new Date(Math.ceil((Math.max(...times) + 1) / HOUR_MS) * HOUR_MS).toISOString();
    const summary = spendSummarySchema.parse(
      await client.ok('GET', `/orgs/${orgId}/analytics/summary?from=${from}&to=${to}`),
    );
    const stored = summary.current.totals.requests;
    process.stdout.write(
      `[graceful shutdown] ${acknowledged.length} of ${batches.length} batches acknowledged before and during ` +
        `SIGTERM (${requestsOf(acknowledged.flat())} requests); ${stored} stored after the restart\n`,
    );
    expect(stored).toBeGreaterThanOrEqual(requestsOf(acknowledged.flat()));
    // Its worker shares the queue with the next test's processes but not their embedded ClickHouse:
    // left running, it could take that test's run and find no usage.
    await second.stop();
  }, 300_000);

  it('during a run: the run is handed back and another process finishes it, seq unbroken', async () => {
    // One data directory: the usage in embedded ClickHouse is there for the second process too.
    const dataDir = tempDataDir('shutdown-run');
    const first = await startBackend(dataDir);
    const client = new PlatformClient(first.url, await auth.register('shutdown-run'));
    const orgId = await client.personalOrg();
    await client.ingest(orgId, generatePlantedWorkload({ events: 30_000 }).events);
    const run = await client.startRun(orgId, await client.newThread(orgId), MESSAGE);
    await expect
      .poll(async () => (await client.events(orgId, run.id)).map((event) => `${event.type}:${event.agent}`), {
        timeout: 120_000,
        interval: 50,
      })
      .toContain('agent_started:data');
    await first.stop();
    expect(first.output()).toContain('shutting down');

    const second = await startBackend(dataDir);
    client.moveTo(second.url);
    const ended = await client.ended(orgId, run.id);
    expect(ended.status).toBe('completed');
    const events = await client.events(orgId, run.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(events.at(-1)?.type).toBe('run_completed');
  }, 300_000);
});
