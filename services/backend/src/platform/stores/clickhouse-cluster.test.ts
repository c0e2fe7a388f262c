import { describe, expect, it } from 'vitest';
import { clusterStatements, localTableName } from './clickhouse-cluster.js';
import { journalDdl, loadClickHouseMigrations, statementsFor } from './clickhouse-migrations.js';

const CLUSTER = 'netra_cluster';
const ON = 'ON CLUSTER `netra_cluster`';
const single = loadClickHouseMigrations().flatMap((migration) => migration.statements);
const rendered = loadClickHouseMigrations().flatMap((migration) =>
  statementsFor({ cluster: CLUSTER }, migration),
);
const createdTables = single.flatMap((statement) => {
  const name = /^CREATE TABLE IF NOT EXISTS \{\{database\}\}\.(\w+)/.exec(statement)?.[1];
  return name === undefined ? [] : [name];
});

function renderedCreate(table: string): string[] {
  return rendered.filter((statement) =>
    statement.startsWith(`CREATE TABLE IF NOT EXISTS {{database}}.${table} `),
  );
}

describe('ClickHouse cluster mode DDL', () => {
  it('replicates every table on every node and puts a Distributed table sharded by organization in front', () => {
    expect(createdTables).toEqual([
      'usage_events',
      'billed_costs',
      'usage_hourly',
      'usage_daily',
      'usage_hourly_users',
      'run_history',
    ]);
    for (const table of createdTables) {
      const [local] = renderedCreate(localTableName(table));
      expect(local).toContain(`{{database}}.${table}_local ${ON}`);
      expect(local).toMatch(
        new RegExp(
          `ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/\\{\\{database\\}\\}/${table}_local', '\\{replica\\}'`,
        ),
      );
      expect(renderedCreate(table)).toEqual([
        `CREATE TABLE IF NOT EXISTS {{database}}.${table} ${ON} AS {{database}}.${table}_local\n` +
          `ENGINE = Distributed('netra_cluster', {{database}}, ${table}_local, sipHash64(org_id))`,
      ]);
    }
  });

  it('keeps each engine’s own arguments after the replication path', () => {
    const [events] = renderedCreate('usage_events_local');
    expect(events).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{{database}}/usage_events_local', '{replica}', ingested_at)",
    );
    expect(events).toContain('PRIMARY KEY (org_id, timestamp)\nORDER BY (org_id, timestamp, event_id)');
    const [hourly] = renderedCreate('usage_hourly_local');
    expect(hourly).toContain(
      "ENGINE = ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/{{database}}/usage_hourly_local', '{replica}')",
    );
  });

  it('aggregates on each shard: materialized views read and write the local tables', () => {
    const views = rendered.filter((statement) => statement.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views).toHaveLength(3);
    for (const view of views) {
      expect(view).toMatch(
        /^CREATE MATERIALIZED VIEW IF NOT EXISTS \{\{database\}\}\.\w+_mv ON CLUSTER `netra_cluster` TO \{\{database\}\}\.\w+_local AS/,
      );
      expect(view).toContain('FROM {{database}}.usage_events_local AS e');
      expect(view).not.toMatch(/FROM \{\{database\}\}\.usage_events AS/);
    }
  });

  it('alters the local tables and the Distributed one; backfills run once through the Distributed tables', () => {
    const alters = rendered.filter((statement) => statement.startsWith('ALTER TABLE'));
    expect(alters).toHaveLength(2 * single.filter((statement) => statement.startsWith('ALTER TABLE')).length);
    expect(alters.slice(0, 2)).toEqual([
      `ALTER TABLE {{database}}.usage_events_local ${ON} ADD COLUMN IF NOT EXISTS request_count UInt32 DEFAULT 1`,
      `ALTER TABLE {{database}}.usage_events ${ON} ADD COLUMN IF NOT EXISTS request_count UInt32 DEFAULT 1`,
    ]);
    const inserts = rendered.filter((statement) => statement.startsWith('INSERT INTO'));
    expect(inserts).toEqual(single.filter((statement) => statement.startsWith('INSERT INTO')));
  });

  it('refuses a statement kind it cannot render, so a new kind of migration is taught here first', () => {
    expect(() => clusterStatements('DROP TABLE {{database}}.usage_events', CLUSTER)).toThrow(
      /cluster mode cannot render this migration statement: DROP TABLE/,
    );
    expect(() =>
      clusterStatements('CREATE TABLE IF NOT EXISTS {{database}}.x\n(a UInt8) ENGINE = Memory', CLUSTER),
    ).toThrow(/no MergeTree engine/);
  });

  it('keeps one whole migration journal on every node; one node keeps its plain journal', () => {
    const store = { database: 'netra', table: (name: string) => `\`netra\`.\`${name}\`` };
    expect(journalDdl({ ...store, cluster: CLUSTER })).toBe(
      `CREATE TABLE IF NOT EXISTS \`netra\`.\`schema_migrations\` ${ON} (version UInt32, name String, checksum String, ` +
        "applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplicatedReplacingMergeTree(" +
        "'/clickhouse/tables/all/netra/schema_migrations', '{shard}-{replica}', applied_at) ORDER BY version",
    );
    expect(journalDdl({ ...store, cluster: undefined })).not.toContain('ON CLUSTER');
  });

  it('leaves the single-node statements untouched without a cluster', () => {
    const plain = loadClickHouseMigrations().flatMap((migration) =>
      statementsFor({ cluster: undefined }, migration),
    );
    expect(plain).toEqual(single);
  });
});
