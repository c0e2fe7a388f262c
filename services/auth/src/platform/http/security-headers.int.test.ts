/**
 * The auth service's answers carry the security headers every Netra service shares (createServiceApp),
 * token answers included, beside their own `Cache-Control: no-store`.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

describe('auth security headers', () => {
  it('are on a token answer, a refused login, the JWKS and health; no HSTS outside deployment', async () => {
    const email = uniqueEmail('headers');
    const answers = [
      await auth.app.inject({
        method: 'POST',
        url: '/auth/register',
        payload: { email, password: 'correct horse battery staple', name: 'Headers' },
      }),
      await auth.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email, password: 'wrong password!' },
      }),
      await auth.app.inject({ url: '/.well-known/jwks.json' }),
      await auth.app.inject({ url: '/health' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 401, 200, 200]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject(SECURITY_HEADERS);
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    expect(answers[0]?.headers['cache-control']).toBe('no-store');
  });
});
