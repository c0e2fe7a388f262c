/**
 * The cluster-mode DDL is parsed by ClickHouse itself (chdb's parser, `EXPLAIN AST`): every
 * rendered statement is valid ClickHouse SQL. Running it needs a cluster with ZooKeeper/Keeper,
 * which is not on this machine; the single-node DDL runs for real in clickhouse-migrations.int.test.ts.
 * @module
 */
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type ClickHouseStore } from './clickhouse.js';
import { journalDdl, loadClickHouseMigrations, statementsFor } from './clickhouse-migrations.js';

let store: ClickHouseStore;

beforeAll(async () => {
  store = await openClickHouse({ url: undefined, dataDir: tempDataDir('ch-cluster'), database: 'netra' });
});

afterAll(async () => {
  await store.close();
});

describe('ClickHouse cluster mode DDL', () => {
  it('is valid ClickHouse SQL, statement by statement', async () => {
    const cluster = {
      cluster: 'netra_cluster',
      database: 'netra',
      table: (name: string) => store.table(name),
    };
    const statements = [
      journalDdl(cluster),
      ...loadClickHouseMigrations().flatMap((migration) => statementsFor(cluster, migration)),
    ].map((statement) => statement.replaceAll('{{database}}', '`netra`'));
    expect(statements.length).toBeGreaterThan(20);
    for (const statement of statements) {
      const ast = await store.queryRows<unknown>(`EXPLAIN AST ${statement}`);
      // The first line of the tree names the statement the parser read.
      expect(JSON.stringify(ast[0]), statement).toMatch(/"(CreateQuery|AlterQuery|InsertQuery) /);
    }
  });
});
