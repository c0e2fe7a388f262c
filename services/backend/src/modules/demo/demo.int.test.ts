/**
 * The demo workload on the real stores: `POST /orgs/{org_id}/demo-data` with real tokens loads it
 * through ingestion (priced, in ClickHouse, on the dashboard's summary), refuses a second load with
 * 409 `demo_data_present`, bounds `days`, and is closed to viewers.
 * @module
 */
import { analyzeUsage, createPriceCatalog, OPPORTUNITY_KINDS } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { DemoRepository } from './demo.repository.js';
import { DEMO_SOURCE, demoRecipes } from './demo-workload.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let member: TestUser;
let viewer: TestUser;
let orgId = '';

async function call(user: TestUser, path: string) {
  const response = await test.app.inject({
    method: 'GET',
    url: path,
    headers: { authorization: `Bearer ${user.token}` },
  });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

const post = (user: TestUser, body: unknown = null, org = orgId) =>
  test.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/demo-data`,
    headers: { authorization: `Bearer ${user.token}` },
    ...(body === null ? {} : { payload: body as object }),
  });

/** The analytics windows are whole UTC hours (hourly aggregates). */
function wholeHour(iso: string, round: (hours: number) => number): string {
  const HOUR_MS = 3_600_000;
  return new Date(round(Date.parse(iso) / HOUR_MS) * HOUR_MS).toISOString();
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  const owner = await auth.register('demo-owner');
  member = await auth.register('demo-member');
  viewer = await auth.register('demo-viewer');
  const me = await call(owner, '/api/v1/me');
  orgId = (me.body.organizations as { id: string }[])[0]?.id ?? '';
  await call(member, '/api/v1/me');
  await call(viewer, '/api/v1/me');
  await test.backend.services.organizations.addMember(orgId, member.id, 'member');
  await test.backend.services.organizations.addMember(orgId, viewer.id, 'viewer');
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

describe('POST /orgs/{org_id}/demo-data', () => {
  it('refuses a viewer and out-of-bounds or unknown fields, naming the field', async () => {
    expect((await post(viewer)).statusCode).toBe(403);
    for (const body of [{ days: 0 }, { days: 31 }, { days: 2.5 }, { days: '3' }, { weeks: 2 }]) {
      const response = await post(member, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    expect(
      (await new DemoRepository(test.backend.stores.clickhouse).presence(orgId, DEMO_SOURCE)).events,
    ).toBe(0);
  });

  it('loads 14 days through ingestion for a member, priced and summarized, then refuses a second load', async () => {
    const started = Date.now();
    const response = await post(member);
    const loaded = response.json<{
      events: number;
      days: number;
      from: string;
      to: string;
      features: unknown[];
    }>();
    process.stdout.write(
      `demo-data: ${loaded.events} events over ${loaded.days} days in ${Date.now() - started} ms\n`,
    );
    expect(response.statusCode).toBe(201);
    expect(loaded.days).toBe(14);
    expect(loaded.features).toHaveLength(11);
    const presence = await new DemoRepository(test.backend.stores.clickhouse).presence(orgId, DEMO_SOURCE);
    expect(presence).toEqual({ events: loaded.events, demoEvents: loaded.events });
    const window = `from=${wholeHour(loaded.from, Math.floor)}&to=${wholeHour(loaded.to, Math.ceil)}`;
    const summary = await call(member, `/api/v1/orgs/${orgId}/analytics/summary?${window}`);
    const current = summary.body.current as { totals: { spend_usd: number; requests: number } };
    process.stdout.write(
      `demo-data summary: $${current.totals.spend_usd.toFixed(2)}, ${current.totals.requests} requests\n`,
    );
    expect(summary.status).toBe(200);
    expect(current.totals.requests).toBe(loaded.events);
    expect(current.totals.spend_usd).toBeGreaterThan(0);
    expect(summary.body.unpriced_models).toEqual([]);
    expect(summary.body.cache_read_share).toBeGreaterThan(0);
    const again = await post(member, { days: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('demo_data_present');
  }, 120_000);

  it('gives every optimization lever its evidence: the engine finds each kind on the feature meant for it', async () => {
    const catalog = createPriceCatalog();
    const report = await analyzeUsage(test.backend.usageAnalysis, { scope: { orgId }, catalog });
    const found = report.opportunities.map((item) => `${item.kind} ${item.scope.feature ?? ''}`);
    process.stdout.write(
      `demo-data engine: $${report.baseline.monthly_cost_usd.toFixed(2)}/month, plan saves ` +
        `$${report.plan.monthly_savings_usd.toFixed(2)}/month (${report.plan.savings_pct.toFixed(1)}%), ` +
        `proven $${report.plan.proven.monthly_savings_usd.toFixed(2)}; ${found.join(', ')}\n`,
    );
    const meant = demoRecipes(catalog).flatMap((recipe) =>
      recipe.kind === null ? [] : [`${recipe.kind} ${recipe.feature}`],
    );
    expect(meant).toHaveLength(OPPORTUNITY_KINDS.length);
    expect(found).toEqual(expect.arrayContaining(meant));
  }, 120_000);
});
