/**
 * Migration 0004 on a database that already holds usage: the aggregates are backfilled from the
 * events (FINAL, so an event stored twice by racing writers counts once), applying the migration's
 * statements again adds nothing, and rows inserted afterwards reach the aggregates through the views.
 * @module
 */
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import { encodeUsageRows, USAGE_COLUMNS } from '#modules/usage/usage-row-codec.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { loadClickHouseMigrations } from '#platform/stores/clickhouse-migrations.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { newTestOrgId, usageRow } from '#test-support/clickhouse-test-support.js';

const AGGREGATES = ['usage_hourly', 'usage_daily', 'usage_hourly_users'];

async function dropAggregates(store: ClickHouseStore): Promise<void> {
  for (const name of AGGREGATES) {
    await store.command(`DROP VIEW IF EXISTS ${store.table(`${name}_mv`)}`);
    await store.command(`DROP TABLE IF EXISTS ${store.table(name)}`);
  }
}

async function applyAggregatesMigration(store: ClickHouseStore): Promise<void> {
  const migration = loadClickHouseMigrations().find((candidate) => candidate.version === 4);
  for (const statement of migration?.statements ?? []) {
    await store.command(statement.replaceAll('{{database}}', `\`${store.database}\``));
  }
}

async function insertRaw(store: ClickHouseStore, rows: readonly UsageRow[]): Promise<void> {
  await store.insertCompactJson(store.table('usage_events'), USAGE_COLUMNS, encodeUsageRows(rows));
}

type Sums = { requests: number; spend: number; unpriced: number; input: number };

async function sums(store: ClickHouseStore, orgId: string, table: string): Promise<Sums | undefined> {
  const events = table === 'usage_events';
  const [row] = await store.queryRows<Sums>(
    events
      ? 'SELECT sum(request_count) AS requests, sum(ifNull(cost_usd, 0)) AS spend, ' +
          `sumIf(request_count, cost_usd IS NULL) AS unpriced, sum(input_tokens) AS input FROM ${store.table(table)} FINAL ` +
          'WHERE org_id = {org:String}'
      : 'SELECT sum(requests) AS requests, sum(cost_usd) AS spend, sum(unpriced_requests) AS unpriced, ' +
          `sum(input_tokens) AS input FROM ${store.table(table)} WHERE org_id = {org:String}`,
    { org: orgId },
  );
  return row;
}

describe('migration 0004 (hourly and daily spend aggregates)', () => {
  it('backfills existing usage once, counts an event stored twice once, and then follows new inserts', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-analytics') }));
    const store = await openBackendClickHouse(config);
    try {
      await dropAggregates(store);
      const orgId = newTestOrgId();
      // Straight into the table, as racing writers could store them: no duplicate screen.
      const usage = { insertRows: (batch: UsageRow[]) => insertRaw(store, batch) };
      const twice = usageRow({ org_id: orgId, event_id: 'stored-twice' });
      const rows = [
        twice,
        usageRow({ org_id: orgId, cost_usd: null, cost_source: '' }),
        usageRow({ org_id: orgId }),
      ];
      await usage.insertRows(rows);
      await usage.insertRows([{ ...twice, ingested_at: new Date() }]);
      await applyAggregatesMigration(store);
      await applyAggregatesMigration(store);
      const expected = await sums(store, orgId, 'usage_events');
      expect(expected?.requests).toBe(3);
      for (const table of AGGREGATES) {
        expect(await sums(store, orgId, table), table).toEqual(expected);
      }
      await usage.insertRows([usageRow({ org_id: orgId, input_tokens: 5 })]);
      const after = await sums(store, orgId, 'usage_events');
      expect(after?.requests).toBe(4);
      for (const table of AGGREGATES) {
        const got = await sums(store, orgId, table);
        expect(got?.requests, table).toBe(4);
        expect(got?.spend, table).toBeCloseTo(after?.spend ?? Number.NaN, 12);
        expect(got?.input, table).toBe(after?.input);
      }
    } finally {
      await store.close();
    }
  });
});
