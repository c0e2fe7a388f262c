/**
 * `/ws` across backend instances: two backend processes on different ports share one PostgreSQL
 * and one Redis. A runs the api and worker roles, B only the api, so every run executes on A. A
 * run started through A (over REST, and over A's `/ws`) reaches the user's socket on B that
 * subscribes to it: every event, seq 0..n once each, equal to the stored events; another user on
 * B, and the same user's socket that follows nothing, receive nothing of it.
 * Server stores only: embedded PostgreSQL and the in-process hot tier belong to one process.
 * @module
 */
import type { RunEvent } from '@netra/shared/contracts';
import {
  fileRedisNamespace,
  serviceTestEnvironment,
  tempDataDir,
  testStores,
} from '@netra/test-framework/stores';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { fromZero, WatchedSocket } from '#test-support/ws/watched-socket.js';

const MESSAGE = 'Help me reduce my AI costs by 30% while maintaining quality.';
/**
 * Usage for the run to analyse (the generator's smallest workload is 2,200 events): the run lasts a
 * second or so, and B follows most of it live.
 */
const USAGE_EVENTS = 3_000;
const { mode } = testStores();
const serverStores = mode.postgres === 'server' && mode.redis === 'server';

let auth: AuthServiceFixture;
let instanceA: RunningService;
let instanceB: RunningService;
let owner: TestUser;
let stranger: TestUser;
let ownerOrg = '';
let strangerOrg = '';
const sockets: WatchedSocket[] = [];
const running: RunningService[] = [];

/** One backend process; each has its own data dir (its embedded chdb), the servers are shared. */
async function startBackend(roles: string, label: string): Promise<RunningService> {
  const environment = serviceTestEnvironment({
    dataDir: tempDataDir(label),
    overrides: {
      AUTH_SERVICE_URL: auth.url,
      LOG_LEVEL: 'warn',
      // One namespace for both processes (the point), apart from the other files' workers.
      REDIS_NAMESPACE: fileRedisNamespace('ws-two-instances'),
      API_REQUESTS_PER_USER_PER_MIN: '100000',
    },
  });
  const instance = await startServiceProcess({ service: 'backend', environment, args: ['--roles', roles] });
  running.push(instance);
  return instance;
}

async function connect(instance: RunningService, user: TestUser, orgId: string): Promise<WatchedSocket> {
  const socket = await WatchedSocket.connect(instance.url, user, orgId);
  sockets.push(socket);
  return socket;
}

/** The run's events as PostgreSQL holds them, read through B. */
function stored(runId: string): Promise<RunEvent[]> {
  return new PlatformClient(instanceB.url, owner).events(ownerOrg, runId);
}

/** Neither socket received any frame naming the run or its thread; the stranger is refused it. */
async function expectUntouched(run: RunEvent, idle: WatchedSocket, outsider: WatchedSocket) {
  const from = outsider.messages.length;
  outsider.send({ type: 'subscribe_run', payload: { run_id: run.run_id } });
  const refused = await outsider.test.nextOf('error', from);
  expect(refused.payload.code).toBe('not_found');
  await Promise.all([idle.settled(), outsider.settled()]);
  for (const socket of [idle, outsider]) {
    expect(socket.mentions([run.run_id, run.thread_id])).toEqual([]);
    expect(socket.runEvents()).toEqual([]);
  }
  expect(idle.types()).toEqual(['connection_established', 'pong']);
}

/** Prints how much of the run reached B live: stored before B asked, and each event's lag. */
function report(what: string, watcher: WatchedSocket, runId: string, storedWhenAsked: number): void {
  const lags = watcher.lagsMs(runId).sort((x, y) => x - y);
  const median = lags[Math.floor(lags.length / 2)] ?? Number.NaN;
  process.stdout.write(
    `[ws-two-instances] ${what}: ${lags.length} events delivered on B, ${storedWhenAsked} already ` +
      `stored when B was asked; emit-to-arrival lag median ${median} ms, max ${lags.at(-1) ?? Number.NaN} ms\n`,
  );
}

// Two processes can share only server stores: embedded PGlite and the in-process hot tier live inside
// one process, so with them there is nothing to share and this block does not run. CI's runs always
// use the servers (.ci/run sets DATABASE_URL and REDIS_URL), where it always runs.
describe.skipIf(!serverStores)('a run executed by instance A, followed on instance B', () => {
  beforeAll(async () => {
    auth = await startAuthService();
    // One after the other: the first start migrates the fresh database.
    instanceA = await startBackend('api,worker', 'ws-a');
    instanceB = await startBackend('api', 'ws-b');
    owner = await auth.register('ws-two-owner');
    stranger = await auth.register('ws-two-stranger');
    const client = new PlatformClient(instanceA.url, owner);
    ownerOrg = await client.personalOrg();
    strangerOrg = await new PlatformClient(instanceB.url, stranger).personalOrg();
    // Ingested through A: the usage lands in A's ClickHouse, where A's worker reads it.
    await client.ingest(ownerOrg, generatePlantedWorkload({ events: USAGE_EVENTS }).events);
  }, 300_000);

  afterAll(async () => {
    for (const socket of sockets) {
      socket.terminate();
    }
    await Promise.all(running.map((instance) => instance.stop()));
    await auth.stop();
  });

  it('a run started over REST on A reaches its subscriber on B, each seq once, as stored', async () => {
    const watcher = await connect(instanceB, owner, ownerOrg);
    const idle = await connect(instanceB, owner, ownerOrg);
    const outsider = await connect(instanceB, stranger, strangerOrg);
    const client = new PlatformClient(instanceA.url, owner);
    const run = await client.startRun(ownerOrg, await client.newThread(ownerOrg), MESSAGE);
    watcher.send({ type: 'subscribe_run', payload: { run_id: run.id } });
    const storedWhenAsked = (await stored(run.id)).length;

    const delivered = await watcher.untilEnded(run.id);
    expect(delivered.map((event) => event.seq)).toEqual(fromZero(delivered));
    expect(delivered.at(-1)?.type).toBe('run_completed');
    expect(delivered).toEqual(await stored(run.id));
    expect(watcher.runIds()).toEqual([run.id]);
    await expectUntouched(delivered[0] as RunEvent, idle, outsider);
    report('REST start on A', watcher, run.id, storedWhenAsked);
  });

  it('a run started with start_agent on A streams on A and on B alike; B resumes after a seq', async () => {
    const starter = await connect(instanceA, owner, ownerOrg);
    const watcher = await connect(instanceB, owner, ownerOrg);
    const resumer = await connect(instanceB, owner, ownerOrg);
    const idle = await connect(instanceB, owner, ownerOrg);
    const outsider = await connect(instanceB, stranger, strangerOrg);
    starter.send({ type: 'start_agent', payload: { text: MESSAGE } });
    const first = await starter.test.nextOf('agent_started');
    watcher.send({ type: 'subscribe_run', payload: { run_id: first.run_id } });
    resumer.send({ type: 'subscribe_run', payload: { run_id: first.run_id, after_seq: 0 } });
    const storedWhenAsked = (await stored(first.run_id)).length;

    const [onA, onB, rest] = await Promise.all(
      [starter, watcher, resumer].map((socket) => socket.untilEnded(first.run_id)),
    );
    const all = await stored(first.run_id);
    expect(all.map((event) => event.seq)).toEqual(fromZero(all));
    expect(all.at(-1)?.type).toBe('run_completed');
    expect(onA).toEqual(all);
    expect(onB).toEqual(all);
    expect(rest).toEqual(all.slice(1));
    await expectUntouched(first, idle, outsider);
    report('start_agent on A', watcher, first.run_id, storedWhenAsked);
  });
});
