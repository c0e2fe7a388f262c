/**
 * The running system the API benchmark loads: the auth service and the backend as their own
 * processes on the stores chosen (see src/test-support/bench-stores.ts), each with its own data directory for what stays
 * embedded; one person signed up with the auth
 * service, whose personal organization holds an ingestion key, the ingested usage events and
 * threads with a message each. Every answer is checked against its contract, so a broken setup
 * stops the bench instead of measuring error pages.
 * @module
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { authSessionSchema } from '@netra/shared';
import {
  createdApiKeySchema,
  ingestResultSchema,
  meSchema,
  messageSchema,
  pageSchema,
  threadSchema,
} from '@netra/shared/contracts';
import { IsolatedEnvironment } from '@netra/shared/server';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import type { z } from 'zod';
import type { BenchStores } from '../src/test-support/bench-stores.js';
import { benchEvent } from './ingest-workload.js';

export interface ApiBenchSystem {
  backendUrl: string;
  /** The services' process ids, to read the CPU they use. */
  pids: { backend: number | undefined; auth: number | undefined };
  /** The signed-up person's access token. */
  token: string;
  orgId: string;
  stop(): Promise<void>;
}

export interface SystemSize {
  events: number;
  threads: number;
}

export interface SystemOptions extends SystemSize {
  stores: BenchStores;
  /** A directory for the backend's CPU profile (`node --cpu-prof`), written when it stops. */
  cpuProfileDir?: string | undefined;
}

const EVENTS_PER_REQUEST = 10_000;
const INGEST_CONCURRENCY = 4;
const BACKPRESSURE_RETRIES = 20;

function serviceEnvironment(dataDir: string, overrides: Record<string, string>): IsolatedEnvironment {
  return IsolatedEnvironment.isolated({
    ENVIRONMENT: 'test',
    NETRA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...overrides,
  });
}

/** Sends one request and returns its body checked against `schema`; any other status is a broken setup. */
async function call<T extends z.ZodType>(
  url: string,
  init: { method?: string; token: string; body?: string | undefined },
  expected: number,
  schema: T,
): Promise<z.infer<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body,
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return schema.parse(JSON.parse(text));
}

async function signUp(authUrl: string): Promise<string> {
  const response = await fetch(`${authUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', password: 'correct horse battery', name: 'Bench' }),
  });
  if (!response.ok) {
    throw new Error(`register answered ${response.status}: ${await response.text()}`);
  }
  return authSessionSchema.parse(await response.json()).access_token;
}

function eventsBody(start: number, total: number): string {
  const events = [];
  for (let index = start; index < Math.min(total, start + EVENTS_PER_REQUEST); index += 1) {
    events.push(benchEvent('api', index));
  }
  return JSON.stringify({ events });
}

/** One batch, sent again while the backend answers 503 (ingestion backpressure). */
async function ingestBatch(url: string, key: string, body: string): Promise<number> {
  for (let attempt = 0; attempt < BACKPRESSURE_RETRIES; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 503) {
      const text = await response.text();
      if (response.status !== 200) {
        throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
      }
      return ingestResultSchema.parse(JSON.parse(text)).accepted;
    }
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`ingest still answered 503 after ${BACKPRESSURE_RETRIES} attempts`);
}

/** Ingests `total` events with the organization's key; resolves once every one is acknowledged. */
async function ingest(backendUrl: string, key: string, total: number): Promise<void> {
  const url = `${backendUrl}/api/v1/ingest/events`;
  let accepted = 0;
  let next = 0;
  const worker = async () => {
    for (let start = next; start < total; start = next) {
      next = start + EVENTS_PER_REQUEST;
      const acceptedNow = await ingestBatch(url, key, eventsBody(start, total));
      accepted += acceptedNow;
    }
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, worker));
  if (accepted !== total) {
    throw new Error(`ingestion accepted ${accepted} of ${total} events`);
  }
}

async function createThreads(backendUrl: string, orgId: string, token: string, count: number) {
  const threads = `${backendUrl}/api/v1/orgs/${orgId}/threads`;
  for (let index = 0; index < count; index += 1) {
    const thread = await call(threads, { method: 'POST', token, body: '{}' }, 201, threadSchema);
    const content = `Where does the spend of feature ${index % 5} go, and what would batching save? (#${index})`;
    const body = JSON.stringify({ content });
    await call(`${threads}/${thread.id}/messages`, { method: 'POST', token, body }, 201, messageSchema);
  }
  const page = await call(`${threads}?limit=1`, { token }, 200, pageSchema(threadSchema));
  if (page.items.length !== 1 || page.next_cursor === null) {
    throw new Error(`the threads list does not show the ${count} threads just created`);
  }
}

/** Signs up, lets the first request create the personal organization, then fills it. */
async function populate(authUrl: string, backendUrl: string, size: SystemSize) {
  const token = await signUp(authUrl);
  const me = await call(`${backendUrl}/api/v1/me`, { token }, 200, meSchema);
  const org = me.organizations.find((organization) => organization.personal);
  if (org === undefined) {
    throw new Error('the first request did not create a personal organization');
  }
  const body = JSON.stringify({ name: 'api bench' });
  const keys = `${backendUrl}/api/v1/orgs/${org.id}/api-keys`;
  const { key } = await call(keys, { method: 'POST', token, body }, 201, createdApiKeySchema);
  await ingest(backendUrl, key, size.events);
  await createThreads(backendUrl, org.id, token, size.threads);
  return { token, orgId: org.id };
}

async function startBackend(
  dataDir: string,
  authUrl: string,
  options: SystemOptions,
): Promise<RunningService> {
  return startServiceProcess({
    service: 'backend',
    readyTimeoutMs: 120_000,
    nodeArgs: [
      // The V8 settings the backend runs with (the dev launcher's BACKEND_NODE_FLAGS, `npm start`).
      '--max-semi-space-size=16',
      `--v8-pool-size=${Math.min(4, availableParallelism())}`,
      ...(options.cpuProfileDir === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]),
    ],
    environment: serviceEnvironment(dataDir, {
      ...options.stores.backend,
      AUTH_SERVICE_URL: authUrl,
      // The load itself would otherwise be refused: 500 requests/s is far above a person's allowance.
      API_REQUESTS_PER_USER_PER_MIN: '1000000',
      INGEST_REQUESTS_PER_MIN: '1000000',
    }),
  });
}

/** Starts both services under `root` and fills the backend; stops what started if anything fails. */
export async function startApiBenchSystem(root: string, options: SystemOptions): Promise<ApiBenchSystem> {
  const auth = await startServiceProcess({
    service: 'auth',
    environment: serviceEnvironment(join(root, 'auth'), {
      ...options.stores.auth,
      ACCESS_TOKEN_TTL_S: '3600',
    }),
  });
  const stop = async (backend?: RunningService) => {
    await backend?.stop();
    await auth.stop();
  };
  let backend: RunningService | undefined;
  try {
    backend = await startBackend(join(root, 'backend'), auth.url, options);
    const { token, orgId } = await populate(auth.url, backend.url, options);
    const running = backend;
    const pids = { backend: running.pid, auth: auth.pid };
    return { backendUrl: running.url, pids, token, orgId, stop: () => stop(running) };
  } catch (error) {
    await stop(backend);
    throw error;
  }
}
