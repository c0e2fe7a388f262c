/**
 * The system the WebSocket bench measures: the real auth service as its own process (to sign people
 * up and hand out real tokens), and the backend opened in this process as production composes it —
 * the HTTP app with the `/ws` gateway listening on a port, and the runs worker role executing the
 * bench's steady pipeline (ws-pipeline.ts). Each person signs up, their first request creates their
 * personal organization, and a run is started on a new thread over REST; the runs then wait at the
 * pipeline's gate until the bench has connected its clients.
 * @module
 */
import { join } from 'node:path';
import { authSessionSchema } from '@netra/shared';
import { meSchema, runSchema, threadSchema } from '@netra/shared/contracts';
import { createLogger, IsolatedEnvironment } from '@netra/shared/server';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { buildBackendApp, openBackend, type Backend } from '#composition.js';
import { loadBackendConfig } from '#config.js';
import { startRunsWorker, type RunsWorker } from '#modules/runs/runs-wiring.js';
import type { BenchStores } from '#test-support/bench-stores.js';
import { SteadyPipeline, type SteadyPublication } from './ws-pipeline.js';
import { messageKey, preciseNow } from './ws-protocol.js';

const WORKER_ID = 'bench-ws-worker';
/** People signed up at once. */
const SIGN_UPS_AT_ONCE = 5;

export interface BenchPerson {
  token: string;
  orgId: string;
  runId: string;
}

/** What the runs worker stored, as it stored it. */
export interface Published {
  /** Per run: the seq of its last event so far. */
  lastSeq: Record<string, number>;
  /** Per `run:seq` of an `agent_thinking` event: when it was stored in PostgreSQL and Redis (epoch ms). */
  storedAt: Record<string, number>;
  thinking: number;
  /** Per `agent_thinking` event: from its `ts` until it was stored in PostgreSQL and Redis (ms). */
  writeMs: number[];
  /** When the last `agent_thinking` so far was stored (performance.now() time). */
  lastThinkingAt: number;
  /** Bytes of one `agent_thinking` event as JSON. */
  eventBytes: number;
  ended: Set<string>;
}

export interface NetraSystem {
  wsUrl: string;
  people: BenchPerson[];
  pipeline: SteadyPipeline;
  published: Published;
  backend: Backend;
  stop(): Promise<void>;
}

export interface NetraOptions {
  root: string;
  stores: BenchStores;
  publication: SteadyPublication;
  connectionsPerPerson: number;
}

async function call<T extends z.ZodType>(url: string, token: string, schema: T, body?: unknown) {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return schema.parse(JSON.parse(text));
}

async function signUp(authUrl: string, index: number): Promise<string> {
  const response = await fetch(`${authUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `ws-bench-${index}@example.test`,
      password: 'correct horse battery',
      name: `WS bench ${index}`,
    }),
  });
  if (!response.ok) {
    throw new Error(`register answered ${response.status}: ${await response.text()}`);
  }
  return authSessionSchema.parse(await response.json()).access_token;
}

/** Signs up, lets the first request create the personal organization, starts a run on a new thread. */
async function person(authUrl: string, backendUrl: string, index: number): Promise<BenchPerson> {
  const token = await signUp(authUrl, index);
  const me = await call(`${backendUrl}/api/v1/me`, token, meSchema);
  const org = me.organizations.find((organization) => organization.personal);
  if (org === undefined) {
    throw new Error('the first request did not create a personal organization');
  }
  const threads = `${backendUrl}/api/v1/orgs/${org.id}/threads`;
  const thread = await call(threads, token, threadSchema, {});
  const text = 'Walk me through where my model spend goes';
  const run = await call(`${threads}/${thread.id}/runs`, token, runSchema, { text });
  return { token, orgId: org.id, runId: run.id };
}

async function people(authUrl: string, backendUrl: string, count: number): Promise<BenchPerson[]> {
  const all: BenchPerson[] = [];
  for (let start = 0; start < count; start += SIGN_UPS_AT_ONCE) {
    const indexes = Array.from({ length: Math.min(SIGN_UPS_AT_ONCE, count - start) }, (_, i) => start + i);
    all.push(...(await Promise.all(indexes.map((index) => person(authUrl, backendUrl, index)))));
  }
  return all;
}

function startAuth(options: NetraOptions): Promise<RunningService> {
  return startServiceProcess({
    service: 'auth',
    environment: IsolatedEnvironment.isolated({
      ENVIRONMENT: 'test',
      NETRA_DATA_DIR: join(options.root, 'auth'),
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_S: '3600',
      // Fifty sign-ups from one address in a few seconds would otherwise be refused.
      RATE_LIMIT_PER_IP: '100000',
      RATE_LIMIT_PER_ACCOUNT: '100000',
      ...options.stores.auth,
    }),
  });
}

async function openNetra(options: NetraOptions, authUrl: string): Promise<Backend> {
  const { runs } = options.publication;
  const env = IsolatedEnvironment.isolated({
    ENVIRONMENT: 'test',
    NETRA_DATA_DIR: join(options.root, 'backend'),
    LOG_LEVEL: 'warn',
    AUTH_SERVICE_URL: authUrl,
    RUN_WORKER_ID: WORKER_ID,
    // Every person's run executes at once; production's default (2) is per worker process.
    RUN_WORKER_CONCURRENCY: String(runs),
    // The default (20) holds the default shape; more clients per person need more.
    WS_MAX_CONNECTIONS_PER_USER: String(Math.max(20, options.connectionsPerPerson)),
    ...options.stores.backend,
  });
  return openBackend(loadBackendConfig(env));
}

function recordPublished(worker: RunsWorker): Published {
  const published: Published = {
    lastSeq: {},
    storedAt: {},
    thinking: 0,
    writeMs: [],
    lastThinkingAt: 0,
    eventBytes: 0,
    ended: new Set(),
  };
  worker.executor.onEvent((event) => {
    published.lastSeq[event.run_id] = event.seq;
    if (event.type === 'agent_thinking') {
      const storedAt = preciseNow();
      published.storedAt[messageKey(event.run_id, event.seq)] = storedAt;
      published.writeMs.push(storedAt - Date.parse(event.ts));
      published.thinking += 1;
      published.lastThinkingAt = performance.now();
      published.eventBytes = Buffer.byteLength(JSON.stringify(event));
    }
    if (event.type === 'run_completed' || event.type === 'run_failed') {
      published.ended.add(event.run_id);
    }
  });
  return published;
}

async function listen(backend: Backend): Promise<{ app: FastifyInstance; url: string }> {
  const logger = createLogger({ service: 'backend', level: 'warn' });
  const app = buildBackendApp({ config: backend.config, logger, stores: backend });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

/** Starts everything; the runs wait at the gate when this resolves. Stops what started on failure. */
export async function startNetra(options: NetraOptions): Promise<NetraSystem> {
  const auth = await startAuth(options);
  const opened: { backend?: Backend; app?: FastifyInstance; worker?: RunsWorker } = {};
  const stop = async () => {
    await opened.worker?.close();
    await opened.app?.close();
    await opened.backend?.close();
    await auth.stop();
  };
  try {
    const backend = await openNetra(options, auth.url);
    opened.backend = backend;
    const { app, url } = await listen(backend);
    opened.app = app;
    const pipeline = new SteadyPipeline(options.publication);
    const logger = createLogger({ service: 'backend', level: 'warn' });
    const reports = { save: backend.services.reports.saveRunReport.bind(backend.services.reports) };
    opened.worker = startRunsWorker(backend, logger, { pipeline, reports });
    const published = recordPublished(opened.worker);
    const bench = await people(auth.url, url, options.publication.runs);
    await pipeline.allWaiting(60_000);
    return { wsUrl: `${url.replace(/^http/, 'ws')}/ws`, people: bench, pipeline, published, backend, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
