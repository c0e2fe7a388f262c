/**
 * Property-based: thousands of generated hostile requests at the guard and the REST routes behind it
 * (tokens, organization ids, cursors, queries, bodies). Never a 5xx, never a 2xx without a good
 * token, and the backend stays ready. Fixed seed, so a failure replays exactly.
 * @module
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let member: TestUser;
let orgId = '';
let threadId = '';

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '1000000' });
  member = await auth.register('fuzzed');
  const me = await test.app.inject({
    method: 'GET',
    url: '/api/v1/me',
    headers: { authorization: `Bearer ${member.token}` },
  });
  orgId = me.json<{ organizations: { id: string }[] }>().organizations[0]?.id ?? '';
  const thread = await test.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/threads`,
    headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
    payload: '{}',
  });
  threadId = thread.json<{ id: string }>().id;
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Tokens: the good one, garbage, JWT look-alikes with hostile headers, ingestion keys, huge strings. */
function authorizationArbitrary() {
  const jwtLike = fc
    .tuple(fc.jsonValue(), fc.jsonValue(), fc.string())
    .map(
      ([header, payload, signature]) =>
        `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${base64url(signature)}`,
    );
  const forgedHeader = fc
    .record({ alg: fc.constantFrom('EdDSA', 'none', 'HS256', 'RS256'), kid: fc.string({ maxLength: 300 }) })
    .map(
      (header) => `${base64url(JSON.stringify(header))}.${base64url('{"sub":"x","exp":99999999999}')}.AAAA`,
    );
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${member.token}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: jwtLike.map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: forgedHeader.map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((rest) => `Bearer nk_${rest}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${'a'.repeat(8_000)}`) },
  );
}

function pathSegment() {
  return fc.oneof(
    fc.constant(orgId),
    fc.uuid(),
    fc.string({ maxLength: 60 }).map((text) => encodeURIComponent(text)),
    fc.constantFrom('..', '%2e%2e', '00000000-0000-0000-0000-000000000000', '%00', 'null'),
  );
}

function queryArbitrary() {
  return fc
    .record(
      {
        cursor: fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.jsonValue().map((value) => base64url(JSON.stringify(value))),
        ),
        limit: fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.double().map(String)),
        q: fc.string({ maxLength: 300 }),
      },
      { requiredKeys: [] },
    )
    .map((query) =>
      new URLSearchParams(
        Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
      ).toString(),
    );
}

function bodyArbitrary() {
  const nested = fc
    .integer({ min: 1, max: 5_000 })
    .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc
      .record({
        title: fc.string({ maxLength: 400 }),
        content: fc.string({ maxLength: 400 }),
        name: fc.string(),
        role: fc.string(),
        email: fc.string(),
      })
      .map((value) => JSON.stringify(value)),
    nested,
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{}}}',
      '{"title":"\\u0000"}',
    ),
  );
}

const ROUTES: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: (org: string, id: string) => string }[] = [
  { method: 'GET', path: () => '/api/v1/me' },
  { method: 'GET', path: () => '/api/v1/orgs' },
  { method: 'POST', path: () => '/api/v1/orgs' },
  { method: 'GET', path: (org) => `/api/v1/orgs/${org}` },
  { method: 'PATCH', path: (org) => `/api/v1/orgs/${org}` },
  { method: 'GET', path: (org) => `/api/v1/orgs/${org}/members` },
  { method: 'PATCH', path: (org, id) => `/api/v1/orgs/${org}/members/${id}` },
  { method: 'POST', path: (org) => `/api/v1/orgs/${org}/invitations` },
  { method: 'GET', path: (_org, id) => `/api/v1/invitations/${id}` },
  { method: 'POST', path: (_org, id) => `/api/v1/invitations/${id}/accept` },
  { method: 'POST', path: (org) => `/api/v1/orgs/${org}/api-keys` },
  { method: 'DELETE', path: (org, id) => `/api/v1/orgs/${org}/api-keys/${id}` },
  { method: 'GET', path: (org) => `/api/v1/orgs/${org}/threads` },
  { method: 'POST', path: (org) => `/api/v1/orgs/${org}/threads` },
  { method: 'PATCH', path: (org, id) => `/api/v1/orgs/${org}/threads/${id}` },
  { method: 'GET', path: (org, id) => `/api/v1/orgs/${org}/threads/${id}/messages` },
  { method: 'POST', path: (org, id) => `/api/v1/orgs/${org}/threads/${id}/messages` },
];

describe('the guard and the REST routes under generated hostile requests', () => {
  it('never answer 5xx, never let a bad token through, and stay ready', async () => {
    const request = fc.record({
      route: fc.constantFrom(...ROUTES),
      authorization: authorizationArbitrary(),
      org: pathSegment(),
      id: fc.oneof(fc.constant(threadId), pathSegment()),
      query: queryArbitrary(),
      body: bodyArbitrary(),
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const response = await test.app.inject({
          method: input.route.method,
          url: `${input.route.path(input.org, input.id)}?${input.query}`,
          headers: { authorization: input.authorization, 'content-type': input.contentType },
          ...(input.route.method === 'GET' || input.route.method === 'DELETE' ? {} : { payload: input.body }),
        });
        expect(response.statusCode, `${input.route.method} ${response.body.slice(0, 300)}`).toBeLessThan(500);
        if (input.authorization !== `Bearer ${member.token}`) {
          // 401 on every route; a 400 or 404 only where the generated path named no route at all (`..`).
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).not.toBe(403);
        }
      }),
      { seed: 20261202, numRuns: 2_000 },
    );
    const ready = await test.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
  }, 300_000);
});
