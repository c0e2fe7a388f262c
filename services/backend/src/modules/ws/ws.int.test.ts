/**
 * `/ws` end to end: real `ws` clients against the in-process backend listening on a port, real
 * tokens from the auth service, runs executed by the worker role with a scripted pipeline.
 * @module
 */
import type { RunEvent, ServerMessage } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryHotStore } from '@netra/shared/redis';
import { runLiveChannel } from '#modules/runs/hot-run-tier.js';
import type { RunsWorker } from '#modules/runs/runs-wiring.js';
import { startWsStack, type WsStack } from '#test-support/ws/ws-stack.js';
import type { AuthServiceFixture, TestUser } from '#test-support/auth-service.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { TestSocket } from '#test-support/ws/test-socket.js';
import { RunFanout } from './run-fanout.js';
import { RunFeed } from './run-feed.js';

let stack: WsStack;
let auth: AuthServiceFixture;
let test: BackendTestApp;
let worker: RunsWorker;
const pipeline = new ScriptedPipeline();
let baseUrl = '';
let owner: TestUser;
let stranger: TestUser;
let ownerOrg = '';
let strangerOrg = '';
const sockets: TestSocket[] = [];

function open(orgId: string, options: Parameters<typeof TestSocket.open>[2]): TestSocket {
  const socket = TestSocket.open(baseUrl, orgId, options);
  sockets.push(socket);
  return socket;
}

async function connected(user: TestUser, orgId: string): Promise<TestSocket> {
  const socket = open(orgId, { token: user.token });
  await socket.nextOf('connection_established');
  return socket;
}

const RUN_EVENT_TYPES = new Set<string>([
  'agent_started',
  'agent_thinking',
  'tool_executing',
  'tool_completed',
  'agent_completed',
  'agent_error',
  'progress_update',
  'final_report',
  'run_completed',
  'run_failed',
]);

function isRunEvent(message: ServerMessage): message is RunEvent {
  return RUN_EVENT_TYPES.has(message.type);
}

function runEvents(socket: TestSocket, runId?: string): RunEvent[] {
  return socket.messages.filter(isRunEvent).filter((event) => runId === undefined || event.run_id === runId);
}

/** Waits for the run's last event on the socket; returns the run's events the socket received. */
async function untilEnded(socket: TestSocket, runId?: string): Promise<RunEvent[]> {
  await socket.next(
    (message): message is RunEvent =>
      isRunEvent(message) &&
      (runId === undefined || message.run_id === runId) &&
      (message.type === 'run_completed' || message.type === 'run_failed'),
  );
  return runEvents(socket, runId);
}

function storedEvents(user: TestUser, orgId: string, runId: string): Promise<RunEvent[]> {
  return new PlatformClient(baseUrl, user).events(orgId, runId);
}

beforeAll(async () => {
  stack = await startWsStack('ws-gateway', pipeline, {
    RUN_CONCURRENCY_PER_ORG: '4',
    RUN_WORKER_CONCURRENCY: '4',
    FRONTEND_URL: 'http://app.example.test',
  });
  ({ auth, test, worker, baseUrl } = stack);
  owner = await auth.register('ws-owner');
  stranger = await auth.register('ws-stranger');
  ownerOrg = await new PlatformClient(baseUrl, owner).personalOrg();
  strangerOrg = await new PlatformClient(baseUrl, stranger).personalOrg();
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) {
    if (socket.socket.readyState === socket.socket.OPEN) {
      socket.socket.terminate();
    }
  }
  await stack.close();
});

describe('connecting', () => {
  it('a browser token in the subprotocol connects; only jwt-auth is echoed', async () => {
    const socket = open(ownerOrg, { token: owner.token });
    const established = await socket.nextOf('connection_established');
    expect(established.payload.user_id).toBe(owner.id);
    expect(established.payload.connection_id).not.toBe('');
    expect(socket.socket.protocol).toBe('jwt-auth');
  });

  it('a bearer header connects a non-browser client; an allowed origin connects', async () => {
    const socket = open(ownerOrg, { token: owner.token, via: 'header', origin: 'http://app.example.test' });
    expect((await socket.nextOf('connection_established')).payload.user_id).toBe(owner.id);
  });

  it('a wrong, expired, revoked or missing token is closed with 1008', async () => {
    const revoked = await auth.register('ws-revoked');
    const revokedOrg = await new PlatformClient(baseUrl, revoked).personalOrg();
    await auth.logout(revoked.token);
    const cases = [
      { token: `${owner.token}x`, orgId: ownerOrg, reason: 'token_invalid' },
      { token: await auth.expiredToken(), orgId: ownerOrg, reason: 'token_expired' },
      { token: revoked.token, orgId: revokedOrg, reason: 'token_revoked' },
      { token: undefined, orgId: ownerOrg, reason: 'token_missing' },
    ];
    for (const { token, orgId, reason } of cases) {
      const socket = open(orgId, token === undefined ? { protocols: ['jwt-auth'] } : { token });
      expect(await socket.closed).toEqual({ code: 1008, reason: `authentication failed: ${reason}` });
      expect(socket.messages).toEqual([]);
    }
    expect((await open(ownerOrg, { via: 'header' }).closed).code).toBe(1008);
  }, 120_000);

  it('an organization the user is not in is closed with 1008', async () => {
    expect((await open(strangerOrg, { token: owner.token }).closed).code).toBe(1008);
    expect((await open('not-an-org', { token: owner.token }).closed).code).toBe(1008);
  });

  it('subprotocols without jwt-auth are closed with 1003', async () => {
    const socket = open(ownerOrg, {
      protocols: ['chat', `jwt.${Buffer.from(owner.token).toString('base64url')}`],
    });
    expect((await socket.closed).code).toBe(1003);
    expect(socket.socket.protocol).toBe('chat');
  });

  it('a page from an origin outside the CORS list is refused before the upgrade', async () => {
    const socket = open(ownerOrg, { token: owner.token, origin: 'https://evil.example.test' });
    const refused = new Promise<number>((resolve) => {
      socket.socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
      });
    });
    expect(await refused).toBe(403);
  });
});

describe('messages', () => {
  it('a malformed message gets an error and the connection stays open', async () => {
    const socket = await connected(owner, ownerOrg);
    socket.send('not json');
    socket.send({ type: 'start_agent', payload: { text: '' } });
    socket.send({ type: 'no_such_type', payload: {} });
    await socket.until('three errors', (messages) => messages.filter((m) => m.type === 'error').length === 3);
    expect(socket.messages.filter((m) => m.type === 'error').map((m) => m.payload)).toEqual([
      expect.objectContaining({ code: 'invalid_message' }),
      expect.objectContaining({ code: 'invalid_message' }),
      expect.objectContaining({ code: 'invalid_message' }),
    ]);
    socket.send({ type: 'ping', payload: {} });
    await socket.nextOf('pong');
  });

  it('start_agent streams the run in seq order to run_completed, as stored', async () => {
    const socket = await connected(owner, ownerOrg);
    socket.send({ type: 'start_agent', payload: { text: 'Where can I save on my AI spend?' } });
    const events = await untilEnded(socket);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(events.at(-1)?.type).toBe('run_completed');
    const runId = events[0]?.run_id ?? '';
    expect(events).toEqual(await storedEvents(owner, ownerOrg, runId));
  });

  it('two users never see each other’s runs', async () => {
    const mine = await connected(owner, ownerOrg);
    const theirs = await connected(stranger, strangerOrg);
    mine.send({ type: 'start_agent', payload: { text: 'owner run' } });
    theirs.send({ type: 'start_agent', payload: { text: 'stranger run' } });
    const ownerEvents = await untilEnded(mine);
    const strangerEvents = await untilEnded(theirs);
    const ownerRun = ownerEvents[0]?.run_id ?? '';
    expect(new Set(ownerEvents.map((event) => event.run_id))).toEqual(new Set([ownerRun]));
    expect(strangerEvents.some((event) => event.run_id === ownerRun)).toBe(false);
    const from = theirs.messages.length;
    theirs.send({ type: 'subscribe_run', payload: { run_id: ownerRun } });
    theirs.send({ type: 'stop_agent', payload: { run_id: ownerRun } });
    await theirs.until(
      'two errors',
      (messages) => messages.slice(from).filter((m) => m.type === 'error').length === 2,
    );
    expect(theirs.messages.slice(from).map((m) => (m.type === 'error' ? m.payload.code : m.type))).toEqual([
      'not_found',
      'not_found',
    ]);
  });

  it('user_message asks again on a thread; another organization’s thread is not found', async () => {
    const socket = await connected(owner, ownerOrg);
    socket.send({ type: 'start_agent', payload: { text: 'first question' } });
    const first = await untilEnded(socket);
    const threadId = first[0]?.thread_id ?? '';
    const from = socket.messages.length;
    socket.send({ type: 'user_message', payload: { thread_id: threadId, text: 'and a follow-up' } });
    const next = await socket.nextOf('agent_started', from);
    expect(next.thread_id).toBe(threadId);
    expect(next.run_id).not.toBe(first[0]?.run_id);
    const events = await untilEnded(socket, next.run_id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    const intruder = await connected(stranger, strangerOrg);
    intruder.send({ type: 'user_message', payload: { thread_id: threadId, text: 'let me in' } });
    expect((await intruder.nextOf('error')).payload.code).toBe('not_found');
  });

  it('another member of the organization may neither start, stop nor follow the owner’s run', async () => {
    const viewer = await auth.register('ws-viewer');
    await new PlatformClient(baseUrl, viewer).personalOrg();
    await test.backend.services.organizations.addMember(ownerOrg, viewer.id, 'viewer');
    const socket = await connected(viewer, ownerOrg);
    socket.send({ type: 'start_agent', payload: { text: 'may I?' } });
    socket.send({ type: 'stop_agent', payload: { run_id: '00000000-0000-4000-8000-000000000000' } });
    await socket.until('two errors', (messages) => messages.filter((m) => m.type === 'error').length === 2);
    const ownerClient = new PlatformClient(baseUrl, owner);
    const thread = await ownerClient.newThread(ownerOrg);
    const run = await ownerClient.startRun(ownerOrg, thread, `not yours ${pipeline.holdText('triage')}`);
    await pipeline.reached(run.id);
    socket.send({ type: 'subscribe_run', payload: { run_id: run.id } });
    await socket.until('three errors', (messages) => messages.filter((m) => m.type === 'error').length === 3);
    socket.send({ type: 'switch_thread', payload: { thread_id: thread } });
    const data = await socket.nextOf('thread_data');
    expect(data.payload.active_run_id).toBe(run.id);
    pipeline.release(run.id);
    const ownerSocket = await connected(owner, ownerOrg);
    ownerSocket.send({ type: 'subscribe_run', payload: { run_id: run.id } });
    expect(await untilEnded(ownerSocket, run.id)).toEqual(await storedEvents(owner, ownerOrg, run.id));
    const codes = socket.messages.flatMap((m) => (m.type === 'error' ? [m.payload.code] : []));
    expect(codes).toEqual(['forbidden', 'forbidden', 'forbidden']);
    expect(socket.messages.some((m) => 'run_id' in m && m.run_id === run.id)).toBe(false);
  });

  it('a reconnecting client resumes with subscribe_run after_seq and gets exactly the missed events', async () => {
    const first = await connected(owner, ownerOrg);
    first.send({ type: 'start_agent', payload: { text: `resume ${pipeline.holdText('data_helper')}` } });
    const started = await first.nextOf('agent_started');
    await pipeline.reached(started.run_id);
    const seen = runEvents(first, started.run_id);
    await first.close();
    pipeline.release(started.run_id);
    const lastSeen = seen.at(-1)?.seq ?? -1;
    const second = await connected(owner, ownerOrg);
    second.send({ type: 'subscribe_run', payload: { run_id: started.run_id, after_seq: lastSeen } });
    const missed = await untilEnded(second, started.run_id);
    const stored = await storedEvents(owner, ownerOrg, started.run_id);
    expect([...seen, ...missed]).toEqual(stored);
    expect(missed[0]?.seq).toBe(lastSeen + 1);
  });

  it('switch_thread sends the thread and follows its active run; stop_agent cancels it', async () => {
    const socket = await connected(owner, ownerOrg);
    const client = new PlatformClient(baseUrl, owner);
    const thread = await client.newThread(ownerOrg);
    const run = await client.startRun(ownerOrg, thread, `held ${pipeline.holdText('triage')}`);
    socket.send({ type: 'switch_thread', payload: { thread_id: thread } });
    const data = await socket.nextOf('thread_data');
    expect(data.payload.thread.id).toBe(thread);
    expect(data.payload.active_run_id).toBe(run.id);
    expect(data.payload.messages.map((message) => message.content)).toContain(
      `held ${pipeline.holdText('triage')}`,
    );
    await pipeline.reached(run.id);
    socket.send({ type: 'stop_agent', payload: { run_id: run.id } });
    pipeline.release(run.id);
    const events = await untilEnded(socket, run.id);
    expect(events.at(-1)).toMatchObject({ type: 'run_failed', payload: { code: 'cancelled' } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
  });
});

describe('the run feed', () => {
  it('fills from PostgreSQL the seqs its announcements miss, delivering each seq once and in order', async () => {
    const client = new PlatformClient(baseUrl, owner);
    const run = await client.startRun(
      ownerOrg,
      await client.newThread(ownerOrg),
      `gaps ${pipeline.holdText('data_helper')}`,
    );
    await pipeline.reached(run.id);
    // A live channel that carries only some of the run's events, as when Redis was away for a while.
    const hot = new MemoryHotStore('ws-feed-gaps');
    const mirror = worker.executor.onEvent((event) => {
      if (event.run_id === run.id && event.seq % 3 !== 1) {
        void hot.publish(runLiveChannel(run.id), JSON.stringify(event));
      }
    });
    const delivered: RunEvent[] = [];
    const fanout = new RunFanout(hot);
    const feed = new RunFeed({ runs: test.backend.services.runs, fanout }, ownerOrg, run.id, -1, (event) => {
      delivered.push(event);
    });
    const following = feed.run();
    pipeline.release(run.id);
    await following;
    mirror();
    await hot.close();
    expect(delivered).toEqual(await storedEvents(owner, ownerOrg, run.id));
    expect(delivered.at(-1)?.type).toBe('run_completed');
    expect(fanout.size).toBe(0);
  });
});
