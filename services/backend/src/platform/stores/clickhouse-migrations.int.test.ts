import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import { loadClickHouseMigrations, migrateClickHouse } from './clickhouse-migrations.js';
import { openBackendClickHouse } from './index.js';

interface TableInfo {
  engine_full: string;
  partition_key: string;
  sorting_key: string;
  primary_key: string;
}

describe('ClickHouse migrations', () => {
  it('apply once: opening the same database again changes nothing', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-migrate') }));
    const first = await openBackendClickHouse(config);
    await first.close();
    const store = await openBackendClickHouse(config);
    try {
      const versions = loadClickHouseMigrations().map((migration) => migration.version);
      await expect(migrateClickHouse(store)).resolves.toEqual({ applied: [], alreadyApplied: versions });
      const journal = await store.queryRows<{ version: number; n: number }>(
        `SELECT version, count() AS n FROM ${store.table('schema_migrations')} FINAL GROUP BY version ORDER BY version`,
      );
      expect(journal).toEqual(versions.map((version) => ({ version, n: 1 })));
    } finally {
      await store.close();
    }
  });

  it('create usage_events partitioned by month, ordered by organization and time, collapsing duplicates', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-migrate') }));
    const store = await openBackendClickHouse(config);
    try {
      const [table] = await store.queryRows<TableInfo>(
        'SELECT engine_full, partition_key, sorting_key, primary_key FROM system.tables ' +
          "WHERE database = {database:String} AND name = 'usage_events'",
        { database: store.database },
      );
      expect(table?.engine_full).toMatch(/^ReplacingMergeTree\(ingested_at\)/);
      expect(table).toMatchObject({
        partition_key: 'toYYYYMM(timestamp)',
        sorting_key: 'org_id, timestamp, event_id',
        primary_key: 'org_id, timestamp',
      });
    } finally {
      await store.close();
    }
  });

  it('add the aggregate columns to a table that already holds rows, with the defaults of a single request', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-migrate') }));
    const store = await openBackendClickHouse(config);
    try {
      // Back to the first version's table, as a database created before 0002 has it (and before
      // 0004's views, which read columns 0002 adds).
      for (const view of ['usage_hourly_mv', 'usage_daily_mv', 'usage_hourly_users_mv']) {
        await store.command(`DROP VIEW IF EXISTS ${store.table(view)}`);
      }
      await store.command(`DROP TABLE ${store.table('usage_events')}`);
      const [first, aggregates] = loadClickHouseMigrations();
      for (const statement of first?.statements ?? []) {
        await store.command(statement.replaceAll('{{database}}', `\`${store.database}\``));
      }
      await store.command(
        `INSERT INTO ${store.table('usage_events')} (org_id, event_id, timestamp, ingested_at, source, provider, ` +
          "model, operation, status) VALUES ('org', 'old', now64(3), now64(3), 'rest', 'openai', 'gpt-4o', 'chat', 'success')",
      );
      // Applied twice: the statements are idempotent, as two instances starting together need.
      for (const statement of [...(aggregates?.statements ?? []), ...(aggregates?.statements ?? [])]) {
        await store.command(statement.replaceAll('{{database}}', `\`${store.database}\``));
      }
      const rows = await store.queryRows(
        'SELECT request_count, period_end, cache_write_1h_tokens, web_search_requests, cost_source ' +
          `FROM ${store.table('usage_events')} WHERE event_id = 'old'`,
      );
      expect(rows).toEqual([
        {
          request_count: 1,
          period_end: null,
          cache_write_1h_tokens: 0,
          web_search_requests: 0,
          cost_source: '',
        },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuse to start when an applied migration was edited afterwards', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ dataDir: tempDataDir('ch-migrate') }));
    const store = await openBackendClickHouse(config);
    try {
      const edited = loadClickHouseMigrations().map((migration) => ({ ...migration, checksum: 'edited' }));
      await expect(migrateClickHouse(store, edited)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await store.close();
    }
  });
});
