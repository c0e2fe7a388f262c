/**
 * The pricing and settings routes as their callers meet them, with real tokens from the running auth
 * service: fault paths (400 naming the field, 403 for a viewer writing, 404 for another
 * organization's override, 409 for overlapping ranges) and prompt text dropped at ingestion until
 * an admin turns storing it on.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let admin: TestUser;
let viewer: TestUser;
let outsider: TestUser;
let orgA = '';
let orgB = '';

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) {
  return test.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${user.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

async function personalOrg(user: TestUser): Promise<string> {
  const me = await call(user, 'GET', '/api/v1/me');
  return (me.json<{ organizations: { id: string }[] }>().organizations[0] ?? { id: '' }).id;
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  admin = await auth.register('pricing-admin');
  viewer = await auth.register('pricing-viewer');
  outsider = await auth.register('pricing-outsider');
  orgA = await personalOrg(admin);
  await personalOrg(viewer);
  orgB = await personalOrg(outsider);
  await test.backend.services.organizations.addMember(orgA, viewer.id, 'viewer');
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

const overrides = (org: string, rest = '') => `/api/v1/orgs/${org}/price-overrides${rest}`;
const discount = (from: string | null, to: string | null) => ({
  override: { kind: 'discount', percent: 15, provider: 'anthropic' },
  effective_from: from,
  effective_to: to,
});

describe('price override routes', () => {
  it('refuses an invalid price with 400 naming the field', async () => {
    const response = await call(admin, 'POST', overrides(orgA), {
      override: { kind: 'model_price', model: 'private-1', prices: { input_mtok: -1 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'validation_failed', field: 'body.override.prices.input_mtok' },
    });
    const backwards = await call(
      admin,
      'POST',
      overrides(orgA),
      discount('2025-02-01T00:00:00Z', '2025-01-01T00:00:00Z'),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ error: { field: 'body.effective_to' } });
  });

  it('refuses a second override on the same target for an overlapping range with 409, and accepts the adjacent one', async () => {
    const first = await call(
      admin,
      'POST',
      overrides(orgA),
      discount('2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'),
    );
    expect(first.statusCode, first.body).toBe(201);
    const overlapping = await call(admin, 'POST', overrides(orgA), discount('2025-01-15T00:00:00Z', null));
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json()).toMatchObject({ error: { code: 'price_override_overlap' } });
    const adjacent = await call(admin, 'POST', overrides(orgA), discount('2025-02-01T00:00:00Z', null));
    expect(adjacent.statusCode, adjacent.body).toBe(201);
    // Moving the first one's end past the second one's start overlaps too.
    const id = first.json<{ id: string }>().id;
    const stretched = await call(admin, 'PATCH', overrides(orgA, `/${id}`), {
      effective_to: '2025-03-01T00:00:00Z',
    });
    expect(stretched.statusCode).toBe(409);
    const listed = await call(viewer, 'GET', overrides(orgA));
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for another organization’s override id and 403 to a viewer writing', async () => {
    const created = await call(admin, 'POST', overrides(orgA), {
      override: { kind: 'alias', model: 'my-deployment', target: { model: 'gpt-4o' } },
    });
    const id = created.json<{ id: string }>().id;
    const patched = await call(outsider, 'PATCH', overrides(orgB, `/${id}`), { effective_to: null });
    expect(patched.statusCode).toBe(404);
    expect((await call(outsider, 'DELETE', overrides(orgB, `/${id}`))).statusCode).toBe(404);
    expect((await call(viewer, 'DELETE', overrides(orgA, `/${id}`))).statusCode).toBe(403);
    expect((await call(viewer, 'POST', overrides(orgA), discount(null, null))).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', overrides(orgA, `/${id}`))).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', overrides(orgA, `/${id}`))).statusCode).toBe(404);
  });

  it('refuses a reprice period that ends before it starts, naming `body.to`', async () => {
    const response = await call(viewer, 'POST', `/api/v1/orgs/${orgA}/reprice`, {
      from: '2025-02-01T00:00:00Z',
      to: '2025-01-01T00:00:00Z',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { field: 'body.to' } });
  });
});

describe('settings routes', () => {
  const settings = (org: string) => `/api/v1/orgs/${org}/settings`;

  it('starts with usage kept forever and prompts dropped; only admins change it, within bounds', async () => {
    const initial = await call(viewer, 'GET', settings(orgA));
    expect(initial.json()).toEqual({ retention_days: null, store_prompts: false });
    expect((await call(viewer, 'PATCH', settings(orgA), { retention_days: 30 })).statusCode).toBe(403);
    const tooShort = await call(admin, 'PATCH', settings(orgA), { retention_days: 0 });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json()).toMatchObject({ error: { field: 'body.retention_days' } });
    const set = await call(admin, 'PATCH', settings(orgA), { retention_days: 400 });
    expect(set.json()).toEqual({ retention_days: 400, store_prompts: false });
    const cleared = await call(admin, 'PATCH', settings(orgA), { retention_days: null });
    expect(cleared.json()).toEqual({ retention_days: null, store_prompts: false });
  });

  it('drops prompt text at ingestion by default and stores it once the organization turns it on', async () => {
    const { key } = await test.backend.services.apiKeys.create(orgA, 'prompts');
    const send = (id: string) =>
      test.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/events',
        headers: { authorization: `Bearer ${key}` },
        payload: {
          events: [
            {
              event_id: id,
              timestamp: '2025-06-01T10:00:00Z',
              model: 'gpt-4o',
              input_tokens: 10,
              output_tokens: 5,
              prompt: 'secret plan',
            },
          ],
        },
      });
    expect((await send('prompt-off')).statusCode).toBe(200);
    const on = await call(admin, 'PATCH', settings(orgA), { store_prompts: true });
    expect(on.json()).toMatchObject({ store_prompts: true });
    expect((await send('prompt-on')).statusCode).toBe(200);
    const rows = await test.backend.usage.findEventsById(orgA, ['prompt-off', 'prompt-on']);
    expect(rows.map((row) => [row.event_id, row.prompt])).toEqual([
      ['prompt-off', ''],
      ['prompt-on', 'secret plan'],
    ]);
  });
});
