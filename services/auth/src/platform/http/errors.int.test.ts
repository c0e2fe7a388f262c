import { errorBodySchema } from '@netra/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from '#test-support/auth-app.js';
import { AUTH_ERROR_CATALOGUE } from './errors.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

const catalogued = new Map<string, { status: number }>(
  Object.values(AUTH_ERROR_CATALOGUE).flatMap((group) => Object.entries(group)),
);

/** The answer is an error body whose code the catalogue lists under the answer's status. */
function expectCatalogued(response: LightMyRequestResponse, code: string): void {
  const body = errorBodySchema.parse(response.json());
  expect(body.error.code).toBe(code);
  expect(catalogued.get(code)?.status, code).toBe(response.statusCode);
}

const postLogin = (payload: string, contentType = 'application/json') =>
  auth.app.inject({
    method: 'POST',
    url: '/auth/login',
    // An address of this file's own, so the per-IP budgets other test files spend never refuse these calls.
    remoteAddress: '10.250.0.2',
    headers: { 'content-type': contentType },
    payload,
  });

describe('errors answered by the shared platform are in the catalogue', () => {
  it('an invalid body', async () => {
    expectCatalogued(await postLogin('{"email": '), 'invalid_json');
    expectCatalogued(await postLogin('{"email": "not-an-email", "password": "x"}'), 'validation_failed');
  });

  it('an unsupported content type and a body over the limit', async () => {
    expectCatalogued(await postLogin('<login/>', 'application/xml'), 'unsupported_media_type');
    const huge = JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(2 * 1024 * 1024) });
    expectCatalogued(await postLogin(huge), 'payload_too_large');
  });

  it('an unknown route', async () => {
    expectCatalogued(await auth.app.inject({ method: 'GET', url: '/auth/no-such-route' }), 'not_found');
  });
});
