/**
 * The REST API while Redis is away: the guard's rate limits and revocation list live there, so a
 * signed-in request cannot be checked. It is answered 503 dependency_unavailable with a retry hint
 * (not a 500), and answered normally again once Redis is back. The backend runs on a redis-server
 * this test starts on a free port, never the machine's shared one.
 * @module
 */
import type { ErrorBody } from '@netra/shared';
import { fileRedisNamespace } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { RedisProcess } from '#test-support/runs/redis-process.js';
import { waitUntil } from '#test-support/runs/wait.js';

let redis: RedisProcess;
let auth: AuthServiceFixture;
let test: BackendTestApp;

beforeAll(async () => {
  redis = await RedisProcess.start();
  auth = await startAuthService();
  test = await startBackendTestApp({
    AUTH_SERVICE_URL: auth.url,
    REDIS_URL: redis.url,
    REDIS_NAMESPACE: fileRedisNamespace('rest-redis-outage'),
    // The connections report every failed reconnection while Redis is away.
    LOG_LEVEL: 'fatal',
  });
}, 240_000);

afterAll(async () => {
  await redis.resume().catch(() => undefined);
  await test.close();
  await auth.stop();
  await redis.stop();
});

describe('the REST API during a Redis outage', () => {
  it('answers 503 dependency_unavailable with Retry-After, then serves again when Redis returns', async () => {
    const person = await auth.register('rest-outage');
    const me = () =>
      test.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${person.token}` },
      });
    expect((await me()).statusCode).toBe(200);

    await redis.stop();
    const refused = await me();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json<ErrorBody>().error).toMatchObject({
      code: 'dependency_unavailable',
      message: expect.stringMatching(/cannot be reached/) as unknown,
    });

    await redis.resume();
    const served = await waitUntil('the API to serve again', async () => {
      const answer = await me();
      return answer.statusCode === 200 ? answer : undefined;
    });
    expect(served.json<{ user: { email: string } }>().user.email).toBe(person.email);
  });
});
