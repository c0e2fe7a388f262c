import { authSessionSchema } from '@netra/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

/** RFC 6749 §5.1: `Cache-Control: no-store` and `Pragma: no-cache` on every answer carrying tokens. */
function expectNotStored(response: LightMyRequestResponse): void {
  expect(response.headers['cache-control'], `${response.statusCode} ${response.body}`).toBe('no-store');
  expect(response.headers.pragma).toBe('no-cache');
}

const password = 'correct horse battery';
/** A client address of this file's own, so the per-IP budgets other test files spend never refuse these calls. */
const remoteAddress = '10.250.0.1';

async function registered(label: string) {
  const email = uniqueEmail(label);
  const response = await auth.app.inject({
    method: 'POST',
    url: '/auth/register',
    remoteAddress,
    payload: { email, password, name: 'Ada' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { email, response, session: authSessionSchema.parse(response.json()) };
}

describe('responses carrying tokens are never stored', () => {
  it('POST /auth/register', async () => {
    expectNotStored((await registered('no-store-register')).response);
  });

  it('POST /auth/login, and its refusals too', async () => {
    const { email } = await registered('no-store-login');
    const login = (body: object) =>
      auth.app.inject({ method: 'POST', url: '/auth/login', remoteAddress, payload: body });
    const accepted = await login({ email, password });
    expect(accepted.statusCode).toBe(200);
    expectNotStored(accepted);
    const refused = await login({ email, password: 'not the password' });
    expect(refused.statusCode).toBe(401);
    expectNotStored(refused);
  });

  it('POST /auth/refresh', async () => {
    const { response } = await registered('no-store-refresh');
    const refreshed = await auth.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      remoteAddress,
      cookies: { netra_refresh: refreshCookieOf(response) ?? '' },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshCookieOf(refreshed)).toBeDefined();
    expectNotStored(refreshed);
  });

  it('POST /auth/logout', async () => {
    const { response, session } = await registered('no-store-logout');
    const loggedOut = await auth.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${session.access_token}` },
      cookies: { netra_refresh: refreshCookieOf(response) ?? '' },
    });
    expect(loggedOut.statusCode).toBe(204);
    expectNotStored(loggedOut);
  });

  it('POST /auth/dev/login', async () => {
    const dev = await startAuthTestApp({ ENVIRONMENT: 'development', DEV_LOGIN_EMAIL: uniqueEmail('dev') });
    try {
      const response = await dev.app.inject({ method: 'POST', url: '/auth/dev/login' });
      expect(response.statusCode).toBe(200);
      expectNotStored(response);
    } finally {
      await dev.close();
    }
  });

  it('leaves the public signing keys cacheable', async () => {
    const response = await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.pragma).toBeUndefined();
  });
});
