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
