import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import type { TestProject } from 'vitest/node';
import setup from './integration-global-setup.js';
import { withClient } from './postgres-run.js';
import { newRunId } from './run-id.js';
import { withDatabaseName } from './test-database.js';
import { prepareTestStores, type PreparedStores, type TestStores } from './test-stores.js';

// CI (and this machine) provide real servers; without them the concurrency proof has nothing to run on.
const env = IsolatedEnvironment.fromProcess({ dotenv: false });
const databaseUrl = env.get('DATABASE_URL');
const redisUrl = env.get('REDIS_URL');
const servers = databaseUrl !== undefined && redisUrl !== undefined;

async function databaseExists(name: string): Promise<boolean> {
  const { rows } = await withClient(databaseUrl ?? '', (client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  return rows.length === 1;
}

async function databaseOf(url: string): Promise<string> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ name: string }>('SELECT current_database() AS name'),
  );
  return rows[0]?.name ?? '';
}

describe.runIf(servers)('two concurrent runs against real PostgreSQL and Redis', () => {
  const redis = new Redis(redisUrl ?? '', { lazyConnect: true });
  const prepared: PreparedStores[] = [];

  afterAll(async () => {
    await Promise.allSettled(prepared.map((run) => run.teardown()));
    redis.disconnect();
  });

  async function prepareTwo(): Promise<[TestStores, TestStores]> {
    prepared.push(...(await Promise.all([prepareTestStores(env), prepareTestStores(env)])));
    const [first, second] = prepared.map((run) => run.stores);
    if (first === undefined || second === undefined) {
      throw new Error('both runs must be prepared');
    }
    return [first, second];
  }

  async function expectSeparateDatabases(first: TestStores, second: TestStores): Promise<void> {
    expect(await databaseOf(first.databaseUrl ?? '')).toBe(`netra_test_${first.runId}`);
    expect(await databaseOf(second.databaseUrl ?? '')).toBe(`netra_test_${second.runId}`);
    expect(await databaseOf(first.authDatabaseUrl ?? '')).toBe(`netra_test_${first.runId}_auth`);
    // A table in one run's database is invisible to the other.
    await withClient(first.databaseUrl ?? '', (client) => client.query('CREATE TABLE only_first (id int)'));
    const visible = await withClient(second.databaseUrl ?? '', (client) =>
      client.query("SELECT to_regclass('only_first') AS t"),
    );
    expect(visible.rows[0]).toEqual({ t: null });
  }

  it('get separate databases and key namespaces', async () => {
    const [first, second] = await prepareTwo();
    expect(first.runId).not.toBe(second.runId);
    expect(first.redisNamespace).not.toBe(second.redisNamespace);
    expect(first.mode).toEqual({ postgres: 'server', redis: 'server', clickhouse: 'embedded' });
    await expectSeparateDatabases(first, second);
  });

  it('each teardown removes only its own database and keys', async () => {
    const [first, second] = prepared.map((run) => run.stores);
    await redis.connect();
    await redis.set(`${first?.redisNamespace ?? ''}:k1`, '1');
    await redis.set(`${first?.redisNamespace ?? ''}:nested:k2`, '2');
    await redis.set(`${second?.redisNamespace ?? ''}:k1`, '1');

    await prepared[0]?.teardown();
    expect(await databaseExists(`netra_test_${first?.runId ?? ''}`)).toBe(false);
    expect(await databaseExists(`netra_test_${first?.runId ?? ''}_auth`)).toBe(false);
    expect(await databaseExists(`netra_test_${second?.runId ?? ''}`)).toBe(true);
    expect(await redis.keys(`${first?.redisNamespace ?? ''}:*`)).toEqual([]);
    expect(await redis.get(`${second?.redisNamespace ?? ''}:k1`)).toBe('1');

    await prepared[1]?.teardown();
    prepared.length = 0;
    expect(await databaseExists(`netra_test_${second?.runId ?? ''}`)).toBe(false);
    expect(await redis.keys(`${second?.redisNamespace ?? ''}:*`)).toEqual([]);
  });

  it('sweeps databases of runs that crashed more than a day ago, and only those', async () => {
    const crashed = `netra_test_${newRunId(Date.now() - 2 * 24 * 60 * 60 * 1000)}`;
    const recent = `netra_test_${newRunId(Date.now() - 60 * 60 * 1000)}`;
    await withClient(databaseUrl ?? '', async (client) => {
      await client.query(`CREATE DATABASE ${crashed}`);
      await client.query(`CREATE DATABASE ${recent}`);
    });
    const run = await prepareTestStores(env);
    await run.teardown();
    expect(await databaseExists(crashed)).toBe(false);
    expect(await databaseExists(recent)).toBe(true);
    await withClient(databaseUrl ?? '', (client) => client.query(`DROP DATABASE ${recent}`));
  });

  it('refuses a server URL naming a non-test database and creates nothing', async () => {
    const production = IsolatedEnvironment.isolated({
      DATABASE_URL: withDatabaseName(databaseUrl ?? '', 'postgres'),
    });
    const runId = newRunId();
    await expect(prepareTestStores(production, runId)).rejects.toThrow('not a test database');
    expect(await databaseExists(`netra_test_${runId}`)).toBe(false);
  });
});

describe.runIf(servers)('the vitest global setup run twice at once', () => {
  /** The part of a vitest project the global setup uses: its name and `provide`. */
  function stubProject(provided: TestStores[]): TestProject {
    const project = {
      name: 'concurrency-proof',
      provide: (_key: string, stores: TestStores) => provided.push(stores),
    };
    return project as unknown as TestProject;
  }

  it('provides separate stores to each run and tears each down', async () => {
    const provided: TestStores[] = [];
    const teardowns = await Promise.all([setup(stubProject(provided)), setup(stubProject(provided))]);
    try {
      const [a, b] = provided;
      expect(a?.databaseUrl).toBeDefined();
      expect(a?.databaseUrl).not.toBe(b?.databaseUrl);
      expect(a?.redisNamespace).not.toBe(b?.redisNamespace);
      expect(await databaseExists(`netra_test_${a?.runId ?? ''}`)).toBe(true);
      expect(await databaseExists(`netra_test_${b?.runId ?? ''}`)).toBe(true);
    } finally {
      await Promise.all(teardowns.map((teardown) => teardown()));
    }
    for (const stores of provided) {
      expect(await databaseExists(`netra_test_${stores.runId}`)).toBe(false);
    }
  });
});
