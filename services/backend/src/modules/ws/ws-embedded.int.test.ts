/**
 * `/ws` in embedded mode (no Redis: the in-process queue and hot store), and when the auth service
 * cannot be asked about revocations (embedded mode asks it): the connection closes 1011, not 1008.
 * @module
 */
import type { RunEvent, ServerMessage } from '@netra/shared/contracts';
import { createLogger } from '@netra/shared/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRunsWorker, type RunsWorker } from '#modules/runs/runs-wiring.js';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { TestSocket } from '#test-support/ws/test-socket.js';

let auth: AuthServiceFixture;
let authRunning = false;
let test: BackendTestApp;
let worker: RunsWorker;
let baseUrl = '';
let user: TestUser;
let orgId = '';
const sockets: TestSocket[] = [];

function open(token: string): TestSocket {
  const socket = TestSocket.open(baseUrl, orgId, { token });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  auth = await startAuthService();
  authRunning = true;
  test = await startBackendTestApp({
    REDIS_URL: undefined,
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
  });
  baseUrl = await test.app.listen({ port: 0, host: '127.0.0.1' });
  worker = startRunsWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }), {
    pipeline: new ScriptedPipeline(),
  });
  user = await auth.register('ws-embedded');
  orgId = await new PlatformClient(baseUrl, user).personalOrg();
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) {
    if (socket.socket.readyState === socket.socket.OPEN) {
      socket.socket.terminate();
    }
  }
  await worker.close();
  await test.close();
  if (authRunning) {
    await auth.stop();
  }
});

it('streams a run from the in-process store in seq order to run_completed', async () => {
  expect(test.backend.runsQueue.mode).toBe('embedded');
  const socket = open(user.token);
  await socket.nextOf('connection_established');
  socket.send({ type: 'start_agent', payload: { text: 'What would batching save?' } });
  const ended = await socket.next(
    (message): message is RunEvent => message.type === 'run_completed' || message.type === 'run_failed',
  );
  expect(ended.type).toBe('run_completed');
  const events = socket.messages.filter((message: ServerMessage): message is RunEvent => 'seq' in message);
  expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
  expect(events).toEqual(await new PlatformClient(baseUrl, user).events(orgId, ended.run_id));
});

it('closes with 1011 when the token cannot be checked against the revocation list', async () => {
  await auth.stop();
  authRunning = false;
  const socket = open(user.token);
  expect((await socket.closed).code).toBe(1011);
  expect(socket.messages).toEqual([]);
});
