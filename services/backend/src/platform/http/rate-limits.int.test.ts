/**
 * The per-user request budget, counted in Redis (or the in-process tier) with real tokens.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let auth: AuthServiceFixture;
let limited: BackendTestApp;

beforeAll(async () => {
  auth = await startAuthService();
  limited = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '3' });
}, 240_000);

afterAll(async () => {
  await limited.close();
  await auth.stop();
});

describe('the per-user request budget', () => {
  it('answers 429 rate_limited with Retry-After once a person spent the minute, and counts each person apart', async () => {
    const member = await auth.register('spender');
    const someoneElse = await auth.register('budget');
    const ask = (user: TestUser) =>
      limited.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${user.token}` },
      });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push((await ask(member)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ask(member);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ask(someoneElse)).statusCode).toBe(200);
  });
});
