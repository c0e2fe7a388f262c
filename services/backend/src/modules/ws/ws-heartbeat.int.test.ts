/**
 * `/ws` heartbeats (a peer that stops answering pings is dropped; one that answers stays connected)
 * and the per-user connection limit.
 * @module
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { waitUntil } from '#test-support/runs/wait.js';
import { TestSocket } from '#test-support/ws/test-socket.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let baseUrl = '';
let user: TestUser;
let orgId = '';

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({
    REDIS_URL: undefined,
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
    WS_HEARTBEAT_MS: '1000',
    WS_MAX_CONNECTIONS_PER_USER: '2',
  });
  baseUrl = await test.app.listen({ port: 0, host: '127.0.0.1' });
  user = await auth.register('ws-heartbeat');
  orgId = await new PlatformClient(baseUrl, user).personalOrg();
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

it('drops a connection that stops answering pings, and keeps one that answers', async () => {
  const silent = TestSocket.open(baseUrl, orgId, { token: user.token, autoPong: false });
  const answering = TestSocket.open(baseUrl, orgId, { token: user.token });
  await silent.nextOf('connection_established');
  await answering.nextOf('connection_established');
  let pings = 0;
  answering.socket.on('ping', () => {
    pings += 1;
  });
  const dropped = await silent.closed;
  expect(dropped.code).toBe(1006);
  await answering.until('three pings', () => pings >= 3);
  expect(answering.socket.readyState).toBe(answering.socket.OPEN);
  answering.send({ type: 'ping', payload: {} });
  await answering.nextOf('pong');
  await answering.close();
});

it('closes a connection beyond the per-user limit with 1008, and admits one again once a slot is free', async () => {
  const other = await auth.register('ws-limit-other');
  const otherOrg = await new PlatformClient(baseUrl, other).personalOrg();
  const first = TestSocket.open(baseUrl, orgId, { token: user.token });
  const second = TestSocket.open(baseUrl, orgId, { token: user.token });
  await first.nextOf('connection_established');
  await second.nextOf('connection_established');
  const third = TestSocket.open(baseUrl, orgId, { token: user.token });
  expect(await third.closed).toEqual({ code: 1008, reason: 'too many connections' });
  const someoneElse = TestSocket.open(baseUrl, otherOrg, { token: other.token });
  await someoneElse.nextOf('connection_established');
  await first.close();
  const again = await waitUntil('a free slot', async () => {
    const socket = TestSocket.open(baseUrl, orgId, { token: user.token });
    const outcome = await Promise.race([
      socket.nextOf('connection_established').then(() => 'open' as const),
      socket.closed.then(() => 'closed' as const),
    ]);
    return outcome === 'open' ? socket : undefined;
  });
  expect(again.socket.readyState).toBe(again.socket.OPEN);
  for (const socket of [second, someoneElse, again]) {
    await socket.close();
  }
});
