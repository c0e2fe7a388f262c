/**
 * The cases of the authorization matrix (platform/http/authorization-matrix.int.test.ts): one row per
 * route, each preparing its request on fresh rows of organization A so every caller meets the same
 * state. Kept apart from the test so each file stays within the module size limit; here, under
 * test-support, because the build leaves test scaffolding out.
 * @module
 */
import { newId } from '@netra/shared';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import type { OrgRole } from '#platform/http/roles.js';
import type { TestUser } from '#test-support/auth-service.js';
import type { BackendTestApp } from '#test-support/backend-app.js';
import { reportMatrixRows } from '#test-support/reports/report-fixtures.js';

export interface Caller {
  name: string;
  authorization: string | undefined;
  /** The person behind the token, when the token is good. */
  user?: TestUser;
  role?: OrgRole | 'outsider';
  failure?: string;
}

export interface Prepared {
  url: string;
  payload?: string;
  contentType?: string;
}

export interface Row {
  /** Builds the request, creating whatever fresh rows it acts on so every caller meets the same state. */
  prepare: (caller: Caller) => Prepared | Promise<Prepared>;
  ok: number;
  /** The role the action really needs when the service asks more than the route (removing someone else). */
  effectiveRole?: OrgRole;
}

/** What the rows act on, set up by the test's beforeAll (so read only when a request is prepared). */
export interface MatrixContext {
  test: BackendTestApp;
  people: Record<OrgRole | 'outsider' | 'revoked', TestUser>;
  /** The organization every row acts on; `orgC` only issues invitations. */
  orgA: string;
  orgC: string;
  secret: string;
  /** Everything of organization A that must never appear in a response to another organization's user. */
  secrets: string[];
}

let current: MatrixContext | undefined;

/** Hands the rows their context, once the people and organizations exist. */
export function useMatrixContext(context: MatrixContext): void {
  current = context;
}

function matrix(): MatrixContext {
  if (current === undefined) {
    throw new Error('the matrix rows were prepared before useMatrixContext');
  }
  return current;
}

export function principal(user: TestUser, orgId: string, role: OrgRole): OrgPrincipal {
  return { userId: user.id, email: user.email, name: user.name, tokenId: 'matrix', orgId, role };
}

const reportContext = () => {
  const { test, orgA, secret, secrets } = matrix();
  return { test, orgId: orgA, secret, secrets };
};

const services = () => matrix().test.backend.services;
const json = (value: unknown) => ({ payload: JSON.stringify(value), contentType: 'application/json' });
const orgPath = (rest = '') => `/api/v1/orgs/${matrix().orgA}${rest}`;
const orgRead = (rest: string): Row => ({ prepare: () => ({ url: orgPath(rest) }), ok: 200 });

async function freshMember(): Promise<string> {
  const id = `matrix-${newId()}`;
  await services().users.recordVisit({
    userId: id,
    email: `${id}@example.test`,
    name: null,
    tokenId: 'matrix',
  });
  await services().organizations.addMember(matrix().orgA, id, 'viewer');
  matrix().secrets.push(`${id}@example.test`);
  return id;
}

async function freshThread(): Promise<string> {
  const thread = await services().threads.create(
    principal(matrix().people.member, matrix().orgA, 'member'),
    `Thread ${matrix().secret}`,
  );
  matrix().secrets.push(thread.id);
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
      principal(matrix().people.member, matrix().orgA, 'member'),
      await freshThread(),
      matrix().secret,
    );
    return { url: orgPath(`/runs/${run.id}${rest}`) };
  },
  ok,
});

async function freshInvitation(): Promise<string> {
  const { row } = await services().invitations.create(
    principal(matrix().people.owner, matrix().orgA, 'owner'),
    {
      email: `invitee-${newId()}@example.test`,
      role: 'viewer',
      expires_in_days: 7,
    },
  );
  matrix().secrets.push(row.id, row.email);
  return row.id;
}

async function freshApiKey(): Promise<string> {
  const { row } = await services().apiKeys.create(matrix().orgA, `Key ${matrix().secret}`);
  matrix().secrets.push(row.id, row.prefix);
  return row.id;
}

async function invitationFor(caller: Caller): Promise<string> {
  const email = caller.user?.email ?? `nobody-${newId()}@example.test`;
  const { token } = await services().invitations.create(
    principal(matrix().people.owner, matrix().orgC, 'owner'),
    {
      email,
      role: 'viewer',
      expires_in_days: 7,
    },
  );
  return token;
}

/** A price override of organization A on a model of its own, so no two calls overlap (409). */
const newOverride = () => ({ override: { kind: 'discount' as const, percent: 10, model: `m-${newId()}` } });

async function freshPriceOverride(): Promise<string> {
  const row = await services().pricing.create(principal(matrix().people.admin, matrix().orgA, 'admin'), {
    ...newOverride(),
    effective_from: null,
    effective_to: null,
  });
  matrix().secrets.push(row.id);
  return row.id;
}

async function freshBudget(): Promise<string> {
  const row = await services().budgets.createBudget(
    principal(matrix().people.admin, matrix().orgA, 'admin'),
    {
      name: `Budget ${matrix().secret}`,
      amount_usd: 100,
      scope: { kind: 'org', value: '' },
      thresholds: [50, 80, 100],
    },
  );
  matrix().secrets.push(row.id);
  return row.id;
}

async function freshWebhook(): Promise<string> {
  const row = await services().budgets.createWebhook(
    principal(matrix().people.admin, matrix().orgA, 'admin'),
    {
      url: `https://hooks.example.test/${matrix().secret}`,
      format: 'generic',
    },
  );
  matrix().secrets.push(row.id, row.secret);
  return row.id;
}

const EVENT = { model: 'gpt-4o-mini', input_tokens: 100, output_tokens: 20 };
const event = () => ({ ...EVENT, timestamp: new Date().toISOString() });

export const ROWS: Record<string, Row> = {
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
  'POST /api/v1/orgs/:org_id/ingest/files': {
    prepare: () => ({
      url: orgPath('/ingest/files?format=canonical'),
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
    prepare: () => ({ url: orgPath(), ...json({ name: `Org A ${matrix().secret}` }) }),
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
  'GET /api/v1/invitations/:token': {
    prepare: async (caller) => ({ url: `/api/v1/invitations/${await invitationFor(caller)}` }),
    ok: 200,
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
  'PATCH /api/v1/orgs/:org_id/threads/:id': threadRow('', 200, () => ({
    title: `Renamed ${matrix().secret}`,
  })),
  'DELETE /api/v1/orgs/:org_id/threads/:id': threadRow('', 204),
  'GET /api/v1/orgs/:org_id/threads/:id/messages': threadRow('/messages', 200),
  'POST /api/v1/orgs/:org_id/threads/:id/messages': threadRow('/messages', 201, () => ({
    content: `Hello ${matrix().secret}`,
  })),
  'POST /api/v1/orgs/:org_id/threads/:thread_id/runs': threadRow('/runs', 202, () => ({
    text: matrix().secret,
  })),
  'GET /api/v1/orgs/:org_id/threads/:thread_id/runs': threadRow('/runs', 200),
  'GET /api/v1/orgs/:org_id/runs/:run_id': runRow('', 200),
  'POST /api/v1/orgs/:org_id/runs/:run_id/cancel': runRow('/cancel', 202),
  'GET /api/v1/orgs/:org_id/runs/:run_id/events': runRow('/events', 200),
  ...reportMatrixRows(reportContext),
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
  'PATCH /api/v1/orgs/:org_id/settings/webhooks/:id': {
    prepare: async () => ({
      url: orgPath(`/settings/webhooks/${await freshWebhook()}`),
      ...json({ enabled: false }),
    }),
    ok: 200,
  },
  // The target's name does not resolve (.test), so the delivery fails at once and answers 200 saying so.
  'POST /api/v1/orgs/:org_id/settings/webhooks/:id/test': {
    prepare: async () => ({ url: orgPath(`/settings/webhooks/${await freshWebhook()}/test`) }),
    ok: 200,
  },
  'DELETE /api/v1/orgs/:org_id/settings/webhooks/:id': {
    prepare: async () => ({ url: orgPath(`/settings/webhooks/${await freshWebhook()}`) }),
    ok: 204,
  },
};
