/**
 * The authorization matrix: every route the app registered × every kind of caller → the expected
 * status, on real PostgreSQL, Redis and ClickHouse with real tokens from the running auth service.
 * A route without a row (test-support/authorization-matrix-cases.ts) fails the test, and nothing of one organization
 * may reach another's user.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '#platform/http/access.js';
import { roleRank, type OrgRole } from '#platform/http/roles.js';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import {
  principal,
  ROWS,
  useMatrixContext,
  type Caller,
  type Prepared,
  type Row,
} from '#test-support/authorization-matrix-cases.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
const people = {} as Record<OrgRole | 'outsider' | 'revoked', TestUser>;
let orgA = '';
let orgC = '';
let callers: Caller[] = [];
const secret = `secret-${randomBytes(6).toString('hex')}`;
/** Everything of organization A that must never appear in a response to another organization's user. */
const orgASecrets: string[] = [];

async function get(user: TestUser, path: string) {
  const response = await test.app.inject({
    method: 'GET',
    url: path,
    headers: { authorization: `Bearer ${user.token}` },
  });
  return response.json<Record<string, unknown>>();
}

function personalOrgOf(me: Record<string, unknown>): string {
  const [org] = me.organizations as { id: string }[];
  if (org === undefined) {
    throw new Error('no personal organization');
  }
  return org.id;
}

async function setUpPeople(): Promise<void> {
  for (const label of ['owner', 'admin', 'member', 'viewer', 'outsider', 'revoked'] as const) {
    people[label] = await auth.register(label);
    await get(people[label], '/api/v1/me');
  }
  orgA = personalOrgOf(await get(people.owner, '/api/v1/me'));
  const { organizations } = test.backend.services;
  for (const role of ['admin', 'member', 'viewer'] as const) {
    await organizations.addMember(orgA, people[role].id, role);
  }
  const third = await organizations.create(principal(people.owner, orgA, 'owner'), {
    name: 'Invitations for the matrix',
  });
  orgC = third.id;
  await organizations.update(principal(people.owner, orgA, 'owner'), { name: `Org A ${secret}` });
  orgASecrets.push(orgA, `Org A ${secret}`, people.admin.email, people.member.email, people.viewer.email);
  await auth.logout(people.revoked.token);
}

async function setUpCallers(ingestionKey: string): Promise<void> {
  const bearer = (token: string) => `Bearer ${token}`;
  callers = [
    { name: 'no token', authorization: undefined, failure: 'token_missing' },
    { name: 'malformed token', authorization: 'Bearer not.a.token', failure: 'token_invalid' },
    { name: 'expired token', authorization: bearer(await auth.expiredToken()), failure: 'token_expired' },
    {
      name: 'token revoked by logout',
      authorization: bearer(people.revoked.token),
      failure: 'token_revoked',
    },
    { name: 'ingestion API key', authorization: bearer(ingestionKey), failure: 'token_invalid' },
    {
      name: 'user of another organization',
      authorization: bearer(people.outsider.token),
      user: people.outsider,
      role: 'outsider',
    },
    ...(['viewer', 'member', 'admin', 'owner'] as const).map((role) => ({
      name: role,
      authorization: bearer(people[role].token),
      user: people[role],
      role,
    })),
  ];
}

function rowOf(method: string, url: string): Row | undefined {
  return ROWS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/** The status this caller must get on a route with this access. */
function expectedStatus(access: RouteAccess, row: Row, caller: Caller): number {
  if (access === 'public') {
    return row.ok;
  }
  if (access === 'ingestion') {
    return caller.name === 'ingestion API key' ? row.ok : 401;
  }
  if (caller.user === undefined || caller.role === undefined) {
    return 401;
  }
  if (access === 'user') {
    return row.ok;
  }
  if (caller.role === 'outsider') {
    return 404;
  }
  const needed = row.effectiveRole ?? access.org;
  return roleRank(caller.role) >= roleRank(needed) ? row.ok : 403;
}

/** What another organization's user was answered (the request, then the response body alone). */
const outsiderBodies: { request: string; body: string }[] = [];

async function callAs(caller: Caller, method: string, prepared: Prepared) {
  const response = await test.app.inject({
    method: method as 'GET',
    url: prepared.url,
    headers: {
      ...(caller.authorization === undefined ? {} : { authorization: caller.authorization }),
      ...(prepared.contentType === undefined ? {} : { 'content-type': prepared.contentType }),
    },
    ...(prepared.payload === undefined ? {} : { payload: prepared.payload }),
  });
  if (caller.role === 'outsider') {
    outsiderBodies.push({
      request: `${method} ${prepared.url}`,
      body: `${JSON.stringify(response.headers)} ${response.body}`,
    });
  }
  return response;
}

function failureCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  await setUpPeople();
  useMatrixContext({ test, people, orgA, orgC, secret, secrets: orgASecrets });
  const { key } = await newTestOrganization(test, 'matrix');
  await setUpCallers(key);
  await test.backend.services.demo.load(orgA, 1); // so every caller let through meets 409 demo_data_present
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

describe('authorization matrix', () => {
  it('has a row for every registered route', () => {
    const missing = test.app.guardedRoutes
      .filter((route) => rowOf(route.method, route.url) === undefined)
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
    expect(test.app.guardedRoutes.length).toBeGreaterThanOrEqual(Object.keys(ROWS).length);
  });

  it('answers every route × caller with the expected status and code', async () => {
    const mismatches: string[] = [];
    for (const route of test.app.guardedRoutes) {
      const row = rowOf(route.method, route.url);
      if (row === undefined) {
        continue;
      }
      for (const caller of callers) {
        const response = await callAs(caller, route.method, await row.prepare(caller));
        const expected = expectedStatus(route.access, row, caller);
        const code = failureCode(response.body);
        // HEAD answers carry no body, so only their status can be checked.
        const codeOk =
          expected !== 401 || route.access === 'ingestion' || route.method === 'HEAD'
            ? true
            : code === caller.failure;
        if (response.statusCode !== expected || !codeOk) {
          mismatches.push(
            `${route.method} ${route.url} as ${caller.name}: ${response.statusCode} ${code ?? ''} (expected ${expected} ${expected === 401 ? (caller.failure ?? '') : ''})`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);

  it('shows another organization’s user none of the first organization’s ids, names or values', () => {
    expect(outsiderBodies.length).toBeGreaterThan(20);
    const leaks = outsiderBodies.flatMap(({ request, body }) =>
      orgASecrets
        .filter((value) => body.includes(value))
        .map((value) => `${value} in the answer to ${request}`),
    );
    expect(leaks).toEqual([]);
  });
});
