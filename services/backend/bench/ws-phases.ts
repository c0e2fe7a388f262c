/**
 * The WebSocket bench's two phases, measured the same way: memory of the server process before and
 * after the clients connect, then a steady publication whose deliveries the client process checks
 * and times. Netra: the backend's `/ws` gateway following real runs (ws-system.ts). Raw: a plain `ws`
 * server broadcasting the same messages (ws-raw.ts).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { HotStore } from '@netra/shared/redis';
import type { BenchStores } from '#test-support/bench-stores.js';
import type { ClientProcess } from './ws-client-process.js';
import type { SteadyPublication } from './ws-pipeline.js';
import { latenciesOf, type ClientPlan } from './ws-protocol.js';
import { startRawServer, type RawServer } from './ws-raw.js';
import { latencyLine, type Memory, type PhaseFigures } from './ws-report.js';
import { startNetra, type NetraSystem } from './ws-system.js';

export interface Shape {
  clients: number;
  publication: SteadyPublication;
  connectionsPerPerson: number;
}

interface PhaseContext {
  shape: Shape;
  clients: ClientProcess;
  gc: () => void;
}

/** Time between the gate opening and the first event, so every run and stream starts on schedule. */
const LEAD_MS = 500;
/** How long the client process may wait for the last deliveries after the publication ended. */
const DRAIN_MS = 15_000;

/** After a full collection and a pause, so V8 has handed freed pages back and RSS settled. */
async function memory(gc: () => void): Promise<Memory> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Client `index` belongs to person `index % people`: 20 connections each for 1,000 clients of 50. */
function netraPlans(system: NetraSystem, clients: number): ClientPlan[] {
  return Array.from({ length: clients }, (_, index) => {
    const person = system.people[index % system.people.length];
    if (person === undefined) {
      throw new Error('no people');
    }
    const token = `jwt.${Buffer.from(person.token).toString('base64url')}`;
    return {
      url: `${system.wsUrl}?org_id=${encodeURIComponent(person.orgId)}`,
      protocols: ['jwt-auth', token],
      hello: JSON.stringify({ type: 'subscribe_run', payload: { run_id: person.runId } }),
      stream: person.runId,
    };
  });
}

/**
 * Connected clients of the Redis server (all of it: it is shared), asked over the connection the
 * backend's hot store hands its queues; nothing when the hot tier is in process.
 */
async function redisClients(hot: HotStore): Promise<number | undefined> {
  const redis = hot.queueConnection?.connect();
  if (redis === undefined) {
    return undefined;
  }
  try {
    const info = await redis.info('clients');
    return Number(/^connected_clients:(\d+)/m.exec(info)?.[1]);
  } finally {
    redis.disconnect();
  }
}

async function waitForRunsToEnd(system: NetraSystem, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (system.published.ended.size < system.people.length) {
    if (Date.now() > deadline) {
      throw new Error(`${system.published.ended.size} of ${system.people.length} runs ended in time`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function publishNetra(system: NetraSystem, stores: BenchStores, shape: Shape) {
  const cpu = process.cpuUsage();
  const storesBefore = await stores.cpuTimes();
  const startAt = performance.now() + LEAD_MS;
  system.pipeline.open(startAt);
  const publishMs = shape.publication.eventsPerRun * shape.publication.intervalMs;
  await waitForRunsToEnd(system, publishMs + 120_000);
  const seconds = (system.published.lastThinkingAt - startAt) / 1000;
  const cpuSeconds = (performance.now() - startAt) / 1000;
  const serverMs = cpuSince(cpu);
  const storesAfter = await stores.cpuTimes();
  const storesMs = Object.fromEntries(
    Object.entries(storesAfter).map(([name, used]) => [name, used - (storesBefore[name] ?? used)]),
  );
  return { seconds, cpuSeconds, cpuMs: { 'server process': serverMs, ...storesMs } };
}

async function connectNetra(system: NetraSystem, context: PhaseContext & { stores: BenchStores }) {
  const redisBefore = await redisClients(system.backend.stores.redis);
  const before = await memory(context.gc);
  const ready = await context.clients.connect({
    type: 'connect',
    label: 'netra',
    clients: netraPlans(system, context.shape.clients),
    // The run's `agent_started` (seq 0), stored before the gate: the connection's feed is live.
    readyAfterEvents: 1,
  });
  const after = await memory(context.gc);
  const redisAfter = await redisClients(system.backend.stores.redis);
  const notes =
    redisBefore === undefined
      ? []
      : [`Redis connected_clients  ${redisBefore} → ${redisAfter ?? '?'} (whole server) after connecting`];
  return { ready, before, after, notes };
}

/** The figures of a phase whose connections did not all open: nothing was published. */
function notPublished(): Pick<PhaseFigures, 'published' | 'delivery' | 'cpuMs' | 'cpuSeconds'> {
  const none = { count: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const delivery = {
    type: 'delivered' as const,
    ...{ received: 0, expected: 0, missing: 0, duplicates: 0, outOfOrder: 0, closedEarly: 0 },
    closeCodes: [],
    fromTs: none,
    fromReady: undefined,
    ...{ cpuMs: 0, cpuWindowMs: 1 },
  };
  return { published: { messages: 0, late: 0, seconds: 1, bytes: 0 }, delivery, cpuMs: {}, cpuSeconds: 1 };
}

/** Publishes through the runs and collects what the clients received. */
async function deliverNetra(system: NetraSystem, context: PhaseContext & { stores: BenchStores }) {
  const { seconds, cpuSeconds, cpuMs } = await publishNetra(system, context.stores, context.shape);
  const { published } = system;
  const delivery = await context.clients.collect({
    type: 'collect',
    lastSeq: published.lastSeq,
    readyAt: published.storedAt,
    waitMs: DRAIN_MS,
  });
  await context.clients.close();
  const { thinking: messages, eventBytes: bytes } = published;
  const writes = latencyLine(latenciesOf(Float64Array.from(published.writeMs)), 'events');
  return {
    published: { messages, late: system.pipeline.late, seconds, bytes },
    delivery,
    cpuMs,
    cpuSeconds,
    write: `event write, ts → stored in both tiers (server side)  ${writes}`,
  };
}

export async function measureNetra(
  context: PhaseContext & { root: string; stores: BenchStores },
): Promise<PhaseFigures> {
  const { shape, stores } = context;
  const system = await startNetra({ root: context.root, stores, ...shape });
  try {
    const connected = await connectNetra(system, context);
    const path = stores.mode === 'server' ? 'PostgreSQL → Redis' : 'PGlite → in-process hot tier';
    const label = `Netra /ws (auth, ${path} → gateway), ${stores.mode} stores`;
    if (connected.ready.failed > 0) {
      return { label, clients: shape.clients, ...connected, ...notPublished() };
    }
    const { write, ...delivered } = await deliverNetra(system, context);
    return { label, clients: shape.clients, ...connected, ...delivered, notes: [write, ...connected.notes] };
  } finally {
    await system.stop();
  }
}

/** Broadcasts on the raw server and collects what the clients received. */
async function deliverRaw(server: RawServer, streams: string[], context: PhaseContext) {
  const { shape, clients } = context;
  const cpu = process.cpuUsage();
  const startAt = performance.now() + LEAD_MS;
  const sent = await server.publish(streams, shape.publication, startAt);
  const seconds = (performance.now() - startAt) / 1000;
  const cpuMs = { 'server process': cpuSince(cpu) };
  const lastSeq = Object.fromEntries(streams.map((stream) => [stream, shape.publication.eventsPerRun - 1]));
  const delivery = await clients.collect({ type: 'collect', lastSeq, readyAt: {}, waitMs: DRAIN_MS });
  await clients.close();
  const published = { messages: sent.messages, late: sent.late, seconds, bytes: sent.messageBytes };
  return { published, delivery, cpuMs, cpuSeconds: seconds };
}

export async function measureRaw(context: PhaseContext): Promise<PhaseFigures> {
  const { shape, clients, gc } = context;
  const server = await startRawServer();
  try {
    const streams = Array.from({ length: shape.publication.runs }, () => randomUUID());
    const plans = Array.from({ length: shape.clients }, (_, index) => {
      const stream = streams[index % streams.length] ?? '';
      return { url: `${server.url}/?stream=${stream}`, protocols: [], hello: undefined, stream };
    });
    const before = await memory(gc);
    const ready = await clients.connect({
      type: 'connect',
      label: 'raw',
      clients: plans,
      readyAfterEvents: 0,
    });
    const after = await memory(gc);
    const delivered = await deliverRaw(server, streams, context);
    const label = 'raw ws baseline (no auth, no stores: the same messages broadcast by a plain ws server)';
    return { label, clients: shape.clients, ready, before, after, ...delivered, notes: [] };
  } finally {
    await server.close();
  }
}
