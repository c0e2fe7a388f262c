/**
 * Retention on real ClickHouse (embedded chdb): the worker's housekeeping task deletes an
 * organization's usage older than its retention, and only that organization's.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageRetention } from '#modules/usage/usage-retention.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let test: BackendTestApp;

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

const DAY = 86_400_000;

async function ingestAges(key: string, now: number, ages: readonly number[]) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: {
      events: ages.map((age) => ({
        event_id: `age-${age}`,
        timestamp: new Date(now - age * DAY).toISOString(),
        model: 'gpt-4o-mini',
        input_tokens: 100,
        output_tokens: 10,
      })),
    },
  });
  expect(response.json()).toMatchObject({ stored: ages.length });
}

/** Requests in an aggregate the analytics read: retention must reach them too. */
async function aggregatedRequests(table: string, orgId: string): Promise<number> {
  const clickhouse = test.backend.stores.clickhouse;
  const [row] = await clickhouse.queryRows<{ requests: number }>(
    `SELECT toUInt64(sum(requests)) AS requests FROM ${clickhouse.table(table)} WHERE org_id = {org_id:String}`,
    { org_id: orgId },
  );
  return row?.requests ?? 0;
}

describe('usage retention', () => {
  it('deletes usage older than the organization’s retention, events and aggregates, and leaves other organizations alone', async () => {
    const now = Date.now();
    const limited = await newTestOrganization(test, 'retention');
    const forever = await newTestOrganization(test, 'forever');
    await ingestAges(limited.key, now, [40, 10, 6, 1]);
    await ingestAges(forever.key, now, [40, 10, 1]);
    await test.backend.services.settings.update(limited.orgId, { retention_days: 7 });
    const enforced = await test.backend.services.settings.enforceRetention(new Date(now));
    expect(enforced).toBeGreaterThanOrEqual(1);
    const kept = await test.backend.usage.listEvents(limited.orgId);
    expect(kept.map((row) => row.event_id).sort()).toEqual(['age-1', 'age-6']);
    expect(await test.backend.usage.countEvents(forever.orgId)).toBe(3);
    // Nothing older is left: the next run finds nothing to delete and runs no mutation.
    const retention = new UsageRetention(test.backend.stores.clickhouse);
    expect(await retention.deleteBefore(limited.orgId, new Date(now - 7 * DAY))).toBe(false);
    expect(await test.backend.usage.countEvents(limited.orgId)).toBe(2);
    for (const table of ['usage_hourly', 'usage_hourly_users', 'usage_daily']) {
      expect(await aggregatedRequests(table, limited.orgId), table).toBe(2);
      expect(await aggregatedRequests(table, forever.orgId), table).toBe(3);
    }
  });
});
