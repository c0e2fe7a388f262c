/**
 * The budget, alert and webhook-target routes over HTTP with real tokens: what each answers, and
 * every fault path (invalid thresholds, scope or URL named by field, another organization's ids,
 * a viewer writing).
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { callAs, ownerViewerStranger, type Method } from '#test-support/as-user.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let owner: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let orgId = '';
let strangerOrgId = '';

function call(user: TestUser, method: Method, path: string, body?: unknown) {
  return callAs(test, user, method, path, body);
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  ({ owner, viewer, stranger, orgId, strangerOrgId } = await ownerViewerStranger(test, auth, 'budget'));
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

const budgetsPath = (org = orgId) => `/api/v1/orgs/${org}/budgets`;
const webhooksPath = (org = orgId) => `/api/v1/orgs/${org}/settings/webhooks`;

function errorOf(body: Record<string, unknown> | null) {
  return (body?.error ?? {}) as { code?: string; field?: string; message?: string };
}

describe('budget routes', () => {
  it('creates with default thresholds and scope, reads, changes, lists and deletes', async () => {
    const created = await call(owner, 'POST', budgetsPath(), { amount_usd: 500 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      amount_usd: 500,
      thresholds: [50, 80, 100],
      scope: { kind: 'org', value: '' },
      name: 'Organization',
      current: {
        month: new Date().toISOString().slice(0, 7),
        spend_usd: 0,
        daily_rate_usd: 0,
        forecast_usd: 0,
      },
    });
    const id = String(created.body?.id);
    const scoped = await call(owner, 'POST', budgetsPath(), {
      name: 'Support bot',
      amount_usd: 120.5,
      scope: { kind: 'feature', value: 'support-bot' },
      thresholds: [100, 25],
    });
    expect(scoped.body).toMatchObject({
      thresholds: [25, 100],
      scope: { kind: 'feature', value: 'support-bot' },
    });
    const changed = await call(owner, 'PATCH', `${budgetsPath()}/${id}`, {
      amount_usd: 800,
      thresholds: [90],
    });
    expect(changed.body).toMatchObject({ id, amount_usd: 800, thresholds: [90] });
    expect((await call(viewer, 'GET', `${budgetsPath()}/${id}`)).body).toMatchObject({ amount_usd: 800 });
    const listed = await call(viewer, 'GET', budgetsPath());
    expect((listed.body?.items as { id: string }[]).map((item) => item.id)).toEqual([id, scoped.body?.id]);
    expect((await call(owner, 'DELETE', `${budgetsPath()}/${id}`)).status).toBe(204);
    expect((await call(owner, 'GET', `${budgetsPath()}/${id}`)).status).toBe(404);
  });

  it.each([
    [{ amount_usd: 100, thresholds: [0] }, 'body.thresholds.0'],
    [{ amount_usd: 100, thresholds: [50, 50] }, 'body.thresholds'],
    [{ amount_usd: 100, thresholds: [] }, 'body.thresholds'],
    [{ amount_usd: 100, thresholds: [12.5] }, 'body.thresholds.0'],
    [{ amount_usd: 100, thresholds: 'fifty' }, 'body.thresholds'],
    [{ amount_usd: 0 }, 'body.amount_usd'],
    [{ amount_usd: 100, scope: { kind: 'feature' } }, 'body.scope.value'],
    [{ amount_usd: 100, scope: { kind: 'org', value: 'x' } }, 'body.scope.value'],
    [{ amount_usd: 100, scope: { kind: 'team', value: 'x' } }, 'body.scope.kind'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await call(owner, 'POST', budgetsPath(), body);
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toMatchObject({ code: 'validation_failed', field });
  });

  it('refuses bad thresholds on a change too', async () => {
    const created = await call(owner, 'POST', budgetsPath(), { amount_usd: 10 });
    const response = await call(owner, 'PATCH', `${budgetsPath()}/${String(created.body?.id)}`, {
      thresholds: [2000],
    });
    expect(response.status).toBe(400);
    expect(errorOf(response.body).field).toBe('body.thresholds.0');
  });

  it('answers 404 for another organization’s budget, whoever asks and however', async () => {
    const theirs = await call(stranger, 'POST', budgetsPath(strangerOrgId), { amount_usd: 10 });
    const path = `${budgetsPath()}/${String(theirs.body?.id)}`;
    expect((await call(owner, 'GET', path)).status).toBe(404);
    expect((await call(owner, 'PATCH', path, { amount_usd: 1 })).status).toBe(404);
    expect((await call(owner, 'DELETE', path)).status).toBe(404);
    expect(
      (await call(owner, 'GET', `${budgetsPath(strangerOrgId)}/${String(theirs.body?.id)}`)).status,
    ).toBe(404);
    expect(
      (await call(stranger, 'GET', `${budgetsPath(strangerOrgId)}/${String(theirs.body?.id)}`)).body,
    ).toMatchObject({
      amount_usd: 10,
    });
  });

  it('lets a viewer read but not write (403)', async () => {
    const created = await call(owner, 'POST', budgetsPath(), { amount_usd: 10 });
    const path = `${budgetsPath()}/${String(created.body?.id)}`;
    expect((await call(viewer, 'POST', budgetsPath(), { amount_usd: 10 })).status).toBe(403);
    expect((await call(viewer, 'PATCH', path, { amount_usd: 5 })).status).toBe(403);
    expect((await call(viewer, 'DELETE', path)).status).toBe(403);
    expect((await call(viewer, 'POST', webhooksPath(), { url: 'https://example.test/hook' })).status).toBe(
      403,
    );
    expect((await call(viewer, 'GET', path)).status).toBe(200);
    expect((await call(viewer, 'GET', `/api/v1/orgs/${orgId}/alerts`)).status).toBe(200);
  });
});

describe('webhook target routes', () => {
  it('creates (secret shown once), lists without the secret, deletes', async () => {
    const created = await call(owner, 'POST', webhooksPath(), {
      url: 'https://hooks.slack.test/T000/B000',
      format: 'slack',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'slack', url: 'https://hooks.slack.test/T000/B000' });
    expect(String(created.body?.secret)).toMatch(/^whsec_/);
    const { secret, ...shown } = created.body ?? {};
    const listed = await call(viewer, 'GET', webhooksPath());
    expect(listed.body?.items).toEqual([shown]);
    expect(JSON.stringify(listed.body)).not.toContain(String(secret));
    expect((await call(owner, 'DELETE', `${webhooksPath()}/${String(created.body?.id)}`)).status).toBe(204);
    expect((await call(owner, 'DELETE', `${webhooksPath()}/${String(created.body?.id)}`)).status).toBe(404);
  });

  it.each([
    [{ url: 'not a url' }, 'body.url'],
    [{ url: 'ftp://example.test/hook' }, 'body.url'],
    [{ url: 'javascript:alert(1)' }, 'body.url'],
    [{ url: 'https://user:pass@example.test/hook' }, 'body.url'],
    [{ url: 'https://example.test/hook', format: 'teams' }, 'body.format'],
    [{ url: 'https://example.test/hook', secret: 'short' }, 'body.secret'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await call(owner, 'POST', webhooksPath(), body);
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers 404 for another organization’s webhook target', async () => {
    const theirs = await call(stranger, 'POST', webhooksPath(strangerOrgId), {
      url: 'https://example.test/theirs',
    });
    expect((await call(owner, 'DELETE', `${webhooksPath()}/${String(theirs.body?.id)}`)).status).toBe(404);
    expect((await call(stranger, 'GET', webhooksPath(strangerOrgId))).body?.items).toHaveLength(1);
  });
});

describe('alert list route', () => {
  it('pages with a cursor and refuses a cursor it did not issue', async () => {
    const page = await call(viewer, 'GET', `/api/v1/orgs/${orgId}/alerts?limit=5`);
    expect(page.body).toEqual({ items: [], next_cursor: null });
    const bad = await call(viewer, 'GET', `/api/v1/orgs/${orgId}/alerts?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).field).toBe('query.cursor');
  });
});
