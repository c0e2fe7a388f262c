/**
 * Webhook targets as the settings screen manages them, over HTTP with real tokens on the real
 * stores: `PATCH` changes URL, switch and event filter (bad input named by field, another
 * organization's id 404, a viewer 403); `POST …/test` delivers a signed test body to a real local
 * HTTP server now and answers its status, also when the target fails or cannot be reached; a target
 * switched off or not subscribed to an alert's kind receives no alert delivery.
 * @module
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { callAs, ownerViewerStranger, type Method } from '#test-support/as-user.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '#test-support/budgets/webhook-receiver.js';
import { BudgetsRepository } from './budgets.repository.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let owner: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let orgId = '';
let strangerOrgId = '';
const receivers: WebhookReceiver[] = [];

function call(user: TestUser, method: Method, path: string, body?: unknown) {
  return callAs(test, user, method, path, body);
}

async function receiver(answer?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(answer);
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  ({ owner, viewer, stranger, orgId, strangerOrgId } = await ownerViewerStranger(test, auth, 'webhook'));
}, 240_000);

afterAll(async () => {
  await Promise.all(receivers.map((item) => item.close()));
  await test.close();
  await auth.stop();
});

const webhooksPath = (org = orgId) => `/api/v1/orgs/${org}/settings/webhooks`;
const errorOf = (body: Record<string, unknown> | null) =>
  (body?.error ?? {}) as { code?: string; field?: string; message?: string };

async function createTarget(url: string, extra: Record<string, unknown> = {}, org = orgId, user = owner) {
  const created = await call(user, 'POST', webhooksPath(org), { url, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; secret: string };
}

describe('PATCH …/settings/webhooks/{id}', () => {
  it('shows a new target enabled for every alert kind, then changes URL, switch and events', async () => {
    const target = await createTarget('https://example.test/a');
    expect(target).toMatchObject({
      enabled: true,
      events: ['threshold_crossed', 'threshold_forecast', 'spend_anomaly', 'error_rate_anomaly'],
    });
    const changed = await call(owner, 'PATCH', `${webhooksPath()}/${target.id}`, {
      url: 'https://example.test/b',
      enabled: false,
      events: ['spend_anomaly'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      url: 'https://example.test/b',
      enabled: false,
      events: ['spend_anomaly'],
    });
    expect(changed.body).not.toHaveProperty('secret');
    const listed = await call(viewer, 'GET', webhooksPath());
    expect(listed.body?.items).toContainEqual(changed.body);
    const partial = await call(owner, 'PATCH', `${webhooksPath()}/${target.id}`, { enabled: true });
    expect(partial.body).toMatchObject({
      url: 'https://example.test/b',
      enabled: true,
      events: ['spend_anomaly'],
    });
  });

  it.each([
    [{ url: 'ftp://example.test/hook' }, 'body.url'],
    [{ url: 'https://user:pass@example.test/hook' }, 'body.url'],
    [{ enabled: 'yes' }, 'body.enabled'],
    [{ events: ['budget_exploded'] }, 'body.events.0'],
    [{ events: ['spend_anomaly', 'spend_anomaly'] }, 'body.events'],
    [{ secret: 'a-new-secret-of-length' }, 'body'],
    [{}, 'body'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const target = await createTarget('https://example.test/bad-input');
    const response = await call(owner, 'PATCH', `${webhooksPath()}/${target.id}`, body);
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers 404 for another organization’s target and 403 for a viewer', async () => {
    const theirs = await createTarget('https://example.test/theirs', {}, strangerOrgId, stranger);
    const foreign = await call(owner, 'PATCH', `${webhooksPath()}/${theirs.id}`, { enabled: false });
    expect(foreign.status).toBe(404);
    expect((await call(owner, 'POST', `${webhooksPath()}/${theirs.id}/test`)).status).toBe(404);
    const mine = await createTarget('https://example.test/mine');
    expect((await call(viewer, 'PATCH', `${webhooksPath()}/${mine.id}`, { enabled: false })).status).toBe(
      403,
    );
    expect((await call(viewer, 'POST', `${webhooksPath()}/${mine.id}/test`)).status).toBe(403);
  });
});

describe('POST …/settings/webhooks/{id}/test', () => {
  it('delivers a signed test body to a real HTTP server now and answers its status', async () => {
    const server = await receiver();
    const target = await createTarget(server.url);
    const response = await call(owner, 'POST', `${webhooksPath()}/${target.id}/test`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ delivered: true, status: 200, error: null });
    expect(server.received).toHaveLength(1);
    const [delivery] = server.received;
    const body = JSON.parse(delivery?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'netra.test' });
    const expected = `sha256=${createHmac('sha256', target.secret)
      .update(delivery?.body ?? '')
      .digest('hex')}`;
    expect(delivery?.headers['x-netra-signature']).toBe(expected);
  });

  it('sends the Slack format to a Slack target', async () => {
    const server = await receiver();
    const target = await createTarget(server.url, { format: 'slack' });
    await call(owner, 'POST', `${webhooksPath()}/${target.id}/test`);
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toHaveProperty('text');
  });

  it('answers delivered false with the status when the target fails', async () => {
    const server = await receiver(() => 503);
    const target = await createTarget(server.url);
    const response = await call(owner, 'POST', `${webhooksPath()}/${target.id}/test`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      delivered: false,
      status: 503,
      error: 'the target answered HTTP 503',
    });
  });

  it('answers delivered false without a status when nothing listens', async () => {
    const port = await freePort();
    const target = await createTarget(`http://127.0.0.1:${port}/nobody`);
    const response = await call(owner, 'POST', `${webhooksPath()}/${target.id}/test`);
    expect(response.body).toMatchObject({ delivered: false, status: null });
    expect(String(response.body?.error)).not.toBe('');
  });
});

describe('alert deliveries honour the switch and the event filter', () => {
  it('delivers to a subscribed, enabled target only', async () => {
    const budgets = test.backend.services.budgets;
    const principal = {
      userId: owner.id,
      email: owner.email,
      name: null,
      tokenId: 'test',
      orgId,
      role: 'owner' as const,
    };
    const budget = await budgets.createBudget(principal, {
      amount_usd: 10,
      scope: { kind: 'org', value: '' },
      thresholds: [50],
    });
    const [alert] = await new BudgetsRepository(test.backend.stores.postgres.db).fireAlerts([
      {
        orgId,
        budgetId: budget.id,
        kind: 'threshold_crossed',
        thresholdPct: 50,
        period: '2026-01',
        details: {},
      },
    ]);
    const on = await receiver();
    const off = await receiver();
    const elsewhere = await receiver();
    const targets = [
      await createTarget(on.url),
      await createTarget(off.url),
      await createTarget(elsewhere.url),
    ];
    await call(owner, 'PATCH', `${webhooksPath()}/${targets[1]?.id}`, { enabled: false });
    await call(owner, 'PATCH', `${webhooksPath()}/${targets[2]?.id}`, { events: ['spend_anomaly'] });
    for (const target of targets) {
      await test.backend.services.alerts.runDeliverJob({ alert_id: alert?.id ?? '', target_id: target.id });
    }
    expect([on.received.length, off.received.length, elsewhere.received.length]).toEqual([1, 0, 0]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
