/**
 * `/ws` under pressure and over time, against the backend listening on a port with real `ws`
 * clients and real tokens: a client that stops reading is cut off at its send-buffer bound while the
 * others on the same run keep receiving; a token that expires or is revoked while connected closes
 * the connection with 1008; the metrics count what happened; shutdown tells clients to reconnect.
 * @module
 */
import type { RunEvent, ServerMessage } from '@netra/shared/contracts';
import { WS_CLOSE } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWsStack, type WsStack } from '#test-support/ws/ws-stack.js';
import type { AuthServiceFixture, TestUser } from '#test-support/auth-service.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { ChattyPipeline } from '#test-support/ws/chatty-pipeline.js';
import { TestSocket } from '#test-support/ws/test-socket.js';

/** Small, so the slow client passes it soon after the kernel's socket buffers (a few MB) are full. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** 300 thinking events of 40 kB: 12 MB, several times what the kernel buffers of a stalled client hold. */
const VOLUME = { count: 300, bytes: 40_000, intervalMs: 2 };

let stack: WsStack;
let auth: AuthServiceFixture;
let test: BackendTestApp;
const pipeline = new ChattyPipeline(VOLUME);
let baseUrl = '';
let owner: TestUser;
let ownerOrg = '';
const sockets: TestSocket[] = [];

async function connected(user: TestUser, orgId: string): Promise<TestSocket> {
  const socket = TestSocket.open(baseUrl, orgId, { token: user.token });
  sockets.push(socket);
  await socket.nextOf('connection_established');
  return socket;
}

function isRunEvent(message: ServerMessage): message is RunEvent {
  return 'seq' in message;
}

function ended(runId: string) {
  return (message: ServerMessage): message is RunEvent =>
    isRunEvent(message) && message.run_id === runId && message.type === 'run_completed';
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Delivery latency of the run's events on these sockets, as each client's clock saw them arrive. */
function latencies(receipts: Map<TestSocket, Map<number, number>>, events: RunEvent[]): number[] {
  const emitted = new Map(events.map((event) => [event.seq, Date.parse(event.ts)]));
  const all = [...receipts.values()].flatMap((received) =>
    [...received].map(([seq, at]) => at - (emitted.get(seq) ?? at)),
  );
  return all.sort((a, b) => a - b);
}

function recordReceipts(socket: TestSocket, into: Map<TestSocket, Map<number, number>>): void {
  const received = new Map<number, number>();
  into.set(socket, received);
  socket.socket.on('message', (data: Buffer) => {
    const seq = (JSON.parse(data.toString('utf8')) as { seq?: number }).seq;
    if (seq !== undefined) {
      received.set(seq, Date.now());
    }
  });
}

/** A held chatty run followed by `fast` (and `slow`, when given) before it streams; its stored events. */
async function streamRun(fast: TestSocket[], slow?: TestSocket) {
  const client = new PlatformClient(baseUrl, owner);
  const run = await client.startRun(ownerOrg, await client.newThread(ownerOrg), pipeline.holdText('triage'));
  await pipeline.reached(run.id);
  const receipts = new Map<TestSocket, Map<number, number>>();
  for (const socket of [...fast, ...(slow === undefined ? [] : [slow])]) {
    recordReceipts(socket, receipts);
    socket.send({ type: 'subscribe_run', payload: { run_id: run.id } });
  }
  slow?.socket.pause();
  pipeline.release(run.id);
  const slowClosed = slow === undefined ? undefined : resumeOnceDropped(slow);
  await Promise.all(fast.map((socket) => socket.next(ended(run.id))));
  const slowClose = await slowClosed;
  const stored = await client.events(ownerOrg, run.id);
  if (slow !== undefined) {
    receipts.delete(slow);
  }
  return { run, stored, slowClose, latency: latencies(receipts, stored) };
}

/**
 * Resumes reading as soon as the server has dropped the stalled client, within the grace its close
 * frame waits behind the buffer: the client then reads up to the close frame and sees its code.
 */
async function resumeOnceDropped(slow: TestSocket): Promise<{ code: number; reason: string }> {
  while ((await metric('netra_ws_slow_clients_dropped_total')) < 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  slow.socket.resume();
  return slow.closed;
}

function print(label: string, latency: number[]): void {
  const figures = `p50 ${percentile(latency, 50)} ms, p99 ${percentile(latency, 99)} ms over ${latency.length}`;
  process.stdout.write(`[ws slow consumer] ${label}: delivery latency ${figures} deliveries\n`);
}

beforeAll(async () => {
  stack = await startWsStack('ws-limits', pipeline, {
    WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED_BYTES),
    WS_AUTH_RECHECK_MS: '300',
  });
  ({ auth, test, baseUrl } = stack);
  owner = await auth.register('ws-limits');
  ownerOrg = await new PlatformClient(baseUrl, owner).personalOrg();
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) {
    socket.socket.terminate();
  }
  await stack.close();
});

describe('a client that stops reading', () => {
  it('is cut off at the buffer bound with 1013 while the others on the run get every event', async () => {
    const alone = await streamRun(await Promise.all([1, 2, 3].map(() => connected(owner, ownerOrg))));
    print('three readers, nobody slow', alone.latency);

    const fast = await Promise.all([1, 2, 3].map(() => connected(owner, ownerOrg)));
    const slow = await connected(owner, ownerOrg);
    const { run, stored, slowClose, latency } = await streamRun(fast, slow);
    print('three readers beside a stalled one', latency);

    for (const socket of fast) {
      expect(socket.messages.filter(isRunEvent).filter((event) => event.run_id === run.id)).toEqual(stored);
    }
    expect(latency).toHaveLength(fast.length * stored.length);
    expect(await metric('netra_ws_slow_clients_dropped_total')).toBe(1);
    expect(slowClose).toEqual({
      code: WS_CLOSE.slowConsumer,
      reason: `slow consumer: over ${MAX_BUFFERED_BYTES} bytes unread`,
    });
    expect(slow.messages.filter(isRunEvent).length).toBeLessThan(stored.length);
  }, 180_000);
});

describe('a token that stops being valid while connected', () => {
  it('closes the connection with 1008 when it expires', async () => {
    const user = await auth.registerShortLived('ws-expiring', 4);
    const orgId = await new PlatformClient(baseUrl, user).personalOrg();
    const socket = await connected(user, orgId);
    expect(await socket.closed).toEqual({
      code: WS_CLOSE.authFailed,
      reason: 'authentication failed: token_expired',
    });
  }, 60_000);

  it('closes the connection with 1008 once the token is revoked by logout', async () => {
    const user = await auth.register('ws-logout');
    const orgId = await new PlatformClient(baseUrl, user).personalOrg();
    const socket = await connected(user, orgId);
    const other = await connected(owner, ownerOrg);
    await auth.logout(user.token);
    expect(await socket.closed).toEqual({
      code: WS_CLOSE.authFailed,
      reason: 'authentication failed: token_revoked',
    });
    other.send({ type: 'ping', payload: {} });
    await other.nextOf('pong');
  }, 60_000);
});

describe('metrics', () => {
  it('count connections, messages each way, deliveries and dropped clients', async () => {
    const before = await metric('netra_ws_messages_received_total{type="ping"}');
    const socket = await connected(owner, ownerOrg);
    socket.send({ type: 'ping', payload: {} });
    socket.send('not json');
    await socket.nextOf('error');
    expect(await metric('netra_ws_messages_received_total{type="ping"}')).toBe(before + 1);
    expect(await metric('netra_ws_messages_received_total{type="invalid"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('netra_ws_messages_sent_total{type="pong"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('netra_ws_connections')).toBeGreaterThanOrEqual(1);
    expect(await metric('netra_ws_delivery_seconds_count')).toBeGreaterThan(VOLUME.count);
  });
});

describe('shutdown', () => {
  it('tells every connected client to reconnect (1012)', async () => {
    const socket = await connected(owner, ownerOrg);
    await test.app.close();
    expect(await socket.closed).toEqual({
      code: WS_CLOSE.restarting,
      reason: 'server restarting: reconnect',
    });
  });
});
