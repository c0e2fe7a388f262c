/**
 * The authorization matrix: every route the app registered × every kind of caller → the expected
 * status, on real PostgreSQL, Redis and ClickHouse with real tokens from the running auth service.
 * A route without a row here fails the test, and nothing of one organization may reach another's user.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { newId } from '@netra/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '#platform/http/access.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { roleRank, type OrgRole } from '#platform/http/roles.js';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { reportMatrixRows } from '#test-support/reports/report-fixtures.js';

interface Caller {
  name: string;
  authorization: string | undefined;
  /** The person behind the token, when the token is good. */
  user?: TestUser;
  role?: OrgRole | 'outsider';
  failure?: string;
}

interface Prepared {
  url: string;
  payload?: string;
  contentType?: string;
}

interface Row {
  /** Builds the request, creating whatever fresh rows it acts on so every caller meets the same state. */
  prepare: (caller: Caller) => Prepared | Promise<Prepared>;
  ok: number;
  /** The role the action really needs when the service asks more than the route (removing someone else). */
  effectiveRole?: OrgRole;
}

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

function principal(user: TestUser, orgId: string, role: OrgRole): OrgPrincipal {
  return { userId: user.id, email: user.email, name: user.name, tokenId: 'matrix', orgId, role };
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

const services = () => test.backend.services;
const json = (value: unknown) => ({ payload: JSON.stringify(value), contentType: 'application/json' });
const orgPath = (rest = '') => `/api/v1/orgs/${orgA}${rest}`;
const orgRead = (rest: string): Row => ({ prepare: () => ({ url: orgPath(rest) }), ok: 200 });

async function freshMember(): Promise<string> {
  const id = `matrix-${newId()}`;
  await services().users.recordVisit({
    userId: id,
    email: `${id}@example.test`,
    name: null,
    tokenId: 'matrix',
  });
  await services().organizations.addMember(orgA, id, 'viewer');
  orgASecrets.push(`${id}@example.test`);
  return id;
}

async function freshThread(): Promise<string> {
  const thread = await services().threads.create(
    principal(people.member, orgA, 'member'),
    `Thread ${secret}`,
  );
  orgASecrets.push(thread.id);
  return thread.id;
}

/** A row acting on a fresh thread of organization A, with a JSON body when given. */
const threadRow = (rest: string, ok: number, body?: () => unknown): Row => ({
  prepare: async () => ({
    url: orgPath(`/threads/${await freshThread()}${rest}`),
    ...(body === undefined ? {} : json(body())),
  }),
  ok,
});

/** A row acting on a fresh run of organization A (no worker runs here, so it stays queued). */
const runRow = (rest: string, ok: number): Row => ({
  prepare: async () => {
    const run = await services().runs.start(
      principal(people.member, orgA, 'member'),
      await freshThread(),
      secret,
    );
    return { url: orgPath(`/runs/${run.id}${rest}`) };
  },
  ok,
});

async function freshInvitation(): Promise<string> {
  const { row } = await services().invitations.create(principal(people.owner, orgA, 'owner'), {
    email: `invitee-${newId()}@example.test`,
    role: 'viewer',
    expires_in_days: 7,
  });
  orgASecrets.push(row.id, row.email);
  return row.id;
}

async function freshApiKey(): Promise<string> {
  const { row } = await services().apiKeys.create(orgA, `Key ${secret}`);
  orgASecrets.push(row.id, row.prefix);
  return row.id;
}

async function invitationFor(caller: Caller): Promise<string> {
  const email = caller.user?.email ?? `nobody-${newId()}@example.test`;
  const { token } = await services().invitations.create(principal(people.owner, orgC, 'owner'), {
    email,
    role: 'viewer',
    expires_in_days: 7,
  });
  return token;
}

/** A price override of organization A on a model of its own, so no two calls overlap (409). */
const newOverride = () => ({ override: { kind: 'discount' as const, percent: 10, model: `m-${newId()}` } });

async function freshPriceOverride(): Promise<string> {
  const row = await services().pricing.create(principal(people.admin, orgA, 'admin'), {
    ...newOverride(),
    effective_from: null,
    effective_to: null,
  });
  orgASecrets.push(row.id);
  return row.id;
}

async function freshBudget(): Promise<string> {
  const row = await services().budgets.createBudget(principal(people.admin, orgA, 'admin'), {
    name: `Budget ${secret}`,
    amount_usd: 100,
    scope: { kind: 'org', value: '' },
    thresholds: [50, 80, 100],
  });
  orgASecrets.push(row.id);
  return row.id;
}

async function freshWebhook(): Promise<string> {
  const row = await services().budgets.createWebhook(principal(people.admin, orgA, 'admin'), {
    url: `https://hooks.example.test/${secret}`,
    format: 'generic',
  });
  orgASecrets.push(row.id, row.secret);
  return row.id;
}

const EVENT = { model: 'gpt-4o-mini', input_tokens: 100, output_tokens: 20 };
const event = () => ({ ...EVENT, timestamp: new Date().toISOString() });

const ROWS: Record<string, Row> = {
  'GET /openapi.json': { prepare: () => ({ url: '/openapi.json' }), ok: 200 },
  'GET /metrics': { prepare: () => ({ url: '/metrics' }), ok: 200 },
  'POST /api/v1/ingest/events': {
    prepare: () => ({ url: '/api/v1/ingest/events', ...json([event()]) }),
    ok: 200,
  },
  'POST /v1/traces': {
    prepare: () => ({ url: '/v1/traces', ...json({ resourceSpans: [] }) }),
    ok: 200,
  },
  'POST /api/v1/ingest/files': {
    prepare: () => ({
      url: '/api/v1/ingest/files?format=canonical',
      payload: `${JSON.stringify(event())}\n`,
      contentType: 'application/x-ndjson',
    }),
    ok: 200,
  },
  'GET /api/v1/me': { prepare: () => ({ url: '/api/v1/me' }), ok: 200 },
  'GET /api/v1/orgs': { prepare: () => ({ url: '/api/v1/orgs' }), ok: 200 },
  'POST /api/v1/orgs': {
    prepare: () => ({ url: '/api/v1/orgs', ...json({ name: 'Created in the matrix' }) }),
    ok: 201,
  },
  'GET /api/v1/orgs/:org_id': { prepare: () => ({ url: orgPath() }), ok: 200 },
  'PATCH /api/v1/orgs/:org_id': {
    prepare: () => ({ url: orgPath(), ...json({ name: `Org A ${secret}` }) }),
    ok: 200,
  },
  'GET /api/v1/orgs/:org_id/members': { prepare: () => ({ url: orgPath('/members') }), ok: 200 },
  'PATCH /api/v1/orgs/:org_id/members/:user_id': {
    prepare: async () => ({ url: orgPath(`/members/${await freshMember()}`), ...json({ role: 'member' }) }),
    ok: 200,
  },
  'DELETE /api/v1/orgs/:org_id/members/:user_id': {
    prepare: async () => ({ url: orgPath(`/members/${await freshMember()}`) }),
    ok: 204,
    effectiveRole: 'admin',
  },
  'GET /api/v1/orgs/:org_id/invitations': orgRead('/invitations'),
  'POST /api/v1/orgs/:org_id/invitations': {
    prepare: () => ({
      url: orgPath('/invitations'),
      ...json({ email: `new-${newId()}@example.test` }),
    }),
    ok: 201,
  },
  'DELETE /api/v1/orgs/:org_id/invitations/:id': {
    prepare: async () => ({ url: orgPath(`/invitations/${await freshInvitation()}`) }),
    ok: 204,
  },
  'POST /api/v1/invitations/:token/accept': {
    prepare: async (caller) => ({ url: `/api/v1/invitations/${await invitationFor(caller)}/accept` }),
    ok: 200,
  },
  'GET /api/v1/orgs/:org_id/api-keys': { prepare: () => ({ url: orgPath('/api-keys') }), ok: 200 },
  'POST /api/v1/orgs/:org_id/api-keys': {
    prepare: () => ({ url: orgPath('/api-keys'), ...json({ name: 'matrix' }) }),
    ok: 201,
  },
  'DELETE /api/v1/orgs/:org_id/api-keys/:id': {
    prepare: async () => ({ url: orgPath(`/api-keys/${await freshApiKey()}`) }),
    ok: 204,
  },
  'GET /api/v1/orgs/:org_id/reconciliation': orgRead('/reconciliation?from=2025-03-01&to=2025-03-08'),
  'GET /api/v1/orgs/:org_id/analytics/spend': orgRead('/analytics/spend?group_by=model'),
  'GET /api/v1/orgs/:org_id/analytics/summary': orgRead('/analytics/summary'),
  'POST /api/v1/orgs/:org_id/demo-data': { ...orgRead('/demo-data'), ok: 409 },
  'GET /api/v1/orgs/:org_id/usage/export': orgRead(
    '/usage/export?from=2025-03-01&to=2025-03-08&format=focus',
  ),
  'GET /api/v1/orgs/:org_id/price-overrides': orgRead('/price-overrides'),
  'POST /api/v1/orgs/:org_id/price-overrides': {
    prepare: () => ({ url: orgPath('/price-overrides'), ...json(newOverride()) }),
    ok: 201,
  },
  'PATCH /api/v1/orgs/:org_id/price-overrides/:id': {
    prepare: async () => ({
      url: orgPath(`/price-overrides/${await freshPriceOverride()}`),
      ...json({ effective_to: '2030-01-01T00:00:00Z' }),
    }),
    ok: 200,
  },
  'DELETE /api/v1/orgs/:org_id/price-overrides/:id': {
    prepare: async () => ({ url: orgPath(`/price-overrides/${await freshPriceOverride()}`) }),
    ok: 204,
  },
  'POST /api/v1/orgs/:org_id/reprice': {
    prepare: () => ({
      url: orgPath('/reprice'),
      ...json({
        from: '2025-01-01T00:00:00Z',
        to: '2025-02-01T00:00:00Z',
        model_substitutions: { 'gpt-4o': 'gpt-4o-mini' },
      }),
    }),
    ok: 200,
  },
  'GET /api/v1/orgs/:org_id/settings': { prepare: () => ({ url: orgPath('/settings') }), ok: 200 },
  'PATCH /api/v1/orgs/:org_id/settings': {
    prepare: () => ({ url: orgPath('/settings'), ...json({ store_prompts: false }) }),
    ok: 200,
  },
  'GET /api/v1/orgs/:org_id/threads': orgRead('/threads?q=Thread'),
  'POST /api/v1/orgs/:org_id/threads': {
    prepare: () => ({ url: orgPath('/threads'), ...json({}) }),
    ok: 201,
  },
  'GET /api/v1/orgs/:org_id/threads/:id': threadRow('', 200),
  'PATCH /api/v1/orgs/:org_id/threads/:id': threadRow('', 200, () => ({ title: `Renamed ${secret}` })),
  'DELETE /api/v1/orgs/:org_id/threads/:id': threadRow('', 204),
  'GET /api/v1/orgs/:org_id/threads/:id/messages': threadRow('/messages', 200),
  'POST /api/v1/orgs/:org_id/threads/:id/messages': threadRow('/messages', 201, () => ({
    content: `Hello ${secret}`,
  })),
  'POST /api/v1/orgs/:org_id/threads/:thread_id/runs': threadRow('/runs', 202, () => ({ text: secret })),
  'GET /api/v1/orgs/:org_id/threads/:thread_id/runs': threadRow('/runs', 200),
  'GET /api/v1/orgs/:org_id/runs/:run_id': runRow('', 200),
  'POST /api/v1/orgs/:org_id/runs/:run_id/cancel': runRow('/cancel', 202),
  'GET /api/v1/orgs/:org_id/runs/:run_id/events': runRow('/events', 200),
  ...reportMatrixRows(() => ({ test, orgId: orgA, secret, secrets: orgASecrets })),
  'GET /api/v1/orgs/:org_id/budgets': { prepare: () => ({ url: orgPath('/budgets') }), ok: 200 },
  'POST /api/v1/orgs/:org_id/budgets': {
    prepare: () => ({ url: orgPath('/budgets'), ...json({ amount_usd: 50 }) }),
    ok: 201,
  },
  'GET /api/v1/orgs/:org_id/budgets/:id': {
    prepare: async () => ({ url: orgPath(`/budgets/${await freshBudget()}`) }),
    ok: 200,
  },
  'PATCH /api/v1/orgs/:org_id/budgets/:id': {
    prepare: async () => ({ url: orgPath(`/budgets/${await freshBudget()}`), ...json({ amount_usd: 75 }) }),
    ok: 200,
  },
  'DELETE /api/v1/orgs/:org_id/budgets/:id': {
    prepare: async () => ({ url: orgPath(`/budgets/${await freshBudget()}`) }),
    ok: 204,
  },
  'GET /api/v1/orgs/:org_id/alerts': { prepare: () => ({ url: orgPath('/alerts') }), ok: 200 },
  'GET /api/v1/orgs/:org_id/settings/webhooks': {
    prepare: () => ({ url: orgPath('/settings/webhooks') }),
    ok: 200,
  },
  'POST /api/v1/orgs/:org_id/settings/webhooks': {
    prepare: () => ({
      url: orgPath('/settings/webhooks'),
      ...json({ url: 'https://hooks.example.test/new' }),
    }),
    ok: 201,
  },
  'DELETE /api/v1/orgs/:org_id/settings/webhooks/:id': {
    prepare: async () => ({ url: orgPath(`/settings/webhooks/${await freshWebhook()}`) }),
    ok: 204,
  },
};

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
  const { key } = await newTestOrganization(test, 'matrix');
  await setUpCallers(key);
  await services().demo.load(orgA, 1); // so every caller let through meets 409 demo_data_present
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
