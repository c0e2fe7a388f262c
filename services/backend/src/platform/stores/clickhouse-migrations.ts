/**
 * Versioned ClickHouse migrations, applied at start. Each `NNNN_name.sql` file under
 * `services/backend/clickhouse/migrations` runs once per database and is recorded in
 * `schema_migrations`; running again is a no-op. Statements must be idempotent themselves
 * (`IF NOT EXISTS`), because two instances starting together may both apply a version, and a
 * statement that failed halfway must be safe to re-run.
 * @module
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseStore } from './clickhouse.js';
import { clusterStatements, onCluster } from './clickhouse-cluster.js';

/** One migration file, parsed. */
export interface ClickHouseMigration {
  version: number;
  name: string;
  /** sha256 of the file; an applied migration whose file changed is refused. */
  checksum: string;
  /** Statements with `{{database}}` still in place. */
  statements: string[];
}

/** What one run did. */
export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
}

/** The same path from `src/` and `dist/`. */
export const CLICKHOUSE_MIGRATIONS_DIR = fileURLToPath(
  new URL('../../../clickhouse/migrations', import.meta.url),
);

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const JOURNAL = 'schema_migrations';

/** Splits a file into statements: `--` comment lines dropped, `;` at the end of a line ends one. */
export function splitStatements(sql: string): string[] {
  const code = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return code
    .split(/;[ \t]*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

/** Reads every migration in `dir`, ordered by version. */
export function loadClickHouseMigrations(dir = CLICKHOUSE_MIGRATIONS_DIR): ClickHouseMigration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (match === null) {
        throw new Error(`ClickHouse migration "${file}" is not named NNNN_name.sql`);
      }
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: splitStatements(text),
      };
    })
    .sort((a, b) => a.version - b.version);
}

interface JournalRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * The journal's DDL. In a cluster every node keeps the whole journal (one replicated table, not
 * sharded), so a backend connected to any node sees what was applied.
 */
export function journalDdl(store: Pick<ClickHouseStore, 'table' | 'cluster' | 'database'>): string {
  const columns = `(version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))`;
  if (store.cluster === undefined) {
    return `CREATE TABLE IF NOT EXISTS ${store.table(JOURNAL)} ${columns} ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`;
  }
  const path = `'/clickhouse/tables/all/${store.database}/${JOURNAL}'`;
  return (
    `CREATE TABLE IF NOT EXISTS ${store.table(JOURNAL)} ${onCluster(store.cluster)} ${columns} ` +
    `ENGINE = ReplicatedReplacingMergeTree(${path}, '{shard}-{replica}', applied_at) ORDER BY version`
  );
}

/** The statements a migration runs on this store: as written on one node, rendered for a cluster. */
export function statementsFor(
  store: Pick<ClickHouseStore, 'cluster'>,
  migration: ClickHouseMigration,
): string[] {
  const { cluster } = store;
  return cluster === undefined
    ? migration.statements
    : migration.statements.flatMap((statement) => clusterStatements(statement, cluster));
}

async function readJournal(store: ClickHouseStore): Promise<Map<number, JournalRow>> {
  const journal = store.table(JOURNAL);
  await store.command(journalDdl(store));
  // FINAL: two instances applying the same version at once leave two journal rows until a merge.
  const rows = await store.queryRows<JournalRow>(`SELECT version, name, checksum FROM ${journal} FINAL`);
  return new Map(rows.map((row) => [row.version, row]));
}

async function apply(store: ClickHouseStore, migration: ClickHouseMigration): Promise<void> {
  const database = `\`${store.database}\``;
  for (const statement of statementsFor(store, migration)) {
    await store.command(statement.replaceAll('{{database}}', database));
  }
  await store.command(
    `INSERT INTO ${store.table(JOURNAL)} (version, name, checksum) VALUES ({version:UInt32}, {name:String}, {checksum:String})`,
    { version: migration.version, name: migration.name, checksum: migration.checksum },
  );
}

/**
 * Applies every migration not yet recorded, in version order.
 * @throws when an applied migration's file no longer matches what was applied.
 */
export async function migrateClickHouse(
  store: ClickHouseStore,
  migrations: readonly ClickHouseMigration[] = loadClickHouseMigrations(),
): Promise<MigrationReport> {
  const journal = await readJournal(store);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const recorded = journal.get(migration.version);
    if (recorded === undefined) {
      await apply(store, migration);
      report.applied.push(migration.version);
      continue;
    }
    if (recorded.checksum !== migration.checksum) {
      throw new Error(
        `ClickHouse migration ${migration.version}_${migration.name} changed after it was applied; ` +
          'add a new migration instead of editing an applied one',
      );
    }
    report.alreadyApplied.push(migration.version);
  }
  return report;
}
