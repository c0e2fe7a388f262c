/**
 * Per-run isolation of real stores for integration and e2e tests: a fresh PostgreSQL database,
 * a Redis key namespace and a ClickHouse database per run, each removed at teardown. Stores
 * without a URL stay embedded (tests open PGlite, the in-process tier or chdb themselves).
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IsolatedEnvironment } from '@netra/shared/server';
import { createClickhouseRun } from './clickhouse-run.js';
import { createPostgresRun } from './postgres-run.js';
import { checkRedis, clearNamespace, redisNamespace, withRedis } from './redis-run.js';
import { newRunId } from './run-id.js';
import { assertTestDatabaseUrl } from './test-database.js';

export type StoreMode = 'server' | 'embedded';

/** What one test run may use; handed to tests through vitest's `provide`/`inject`. */
export interface TestStores {
  runId: string;
  /** The run's backend database (server mode only). */
  databaseUrl?: string;
  /** The run's auth database (server mode only). */
  authDatabaseUrl?: string;
  /** `transaction` when DATABASE_URL is a transaction-pooling proxy (PgBouncer); the services are told so. */
  databasePooling?: string;
  redisUrl?: string;
  /** Prefix every Redis key with `<redisNamespace>:`; teardown deletes exactly those keys. */
  redisNamespace: string;
  /** The run's ClickHouse URL, its database in the path (server mode only). */
  clickhouseUrl?: string;
  clickhouseDatabase?: string;
  /** A directory for this run's files; removed at teardown. */
  tempRoot: string;
  mode: { postgres: StoreMode; redis: StoreMode; clickhouse: StoreMode };
}

export interface PreparedStores {
  stores: TestStores;
  /** Removes everything the run created; runs every cleanup even when one fails. */
  teardown: () => Promise<void>;
}

type Cleanup = () => Promise<void>;

async function runCleanups(cleanups: readonly Cleanup[]): Promise<void> {
  const errors: unknown[] = [];
  for (const cleanup of [...cleanups].reverse()) {
    await cleanup().catch((error: unknown) => errors.push(error));
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, 'test store teardown failed');
  }
}

function configured(env: IsolatedEnvironment, name: string): string | undefined {
  const value = env.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

async function createPostgres(url: string, stores: TestStores, cleanups: Cleanup[]): Promise<void> {
  const postgres = await createPostgresRun(url, stores.runId);
  cleanups.push(postgres.drop);
  Object.assign(stores, { databaseUrl: postgres.databaseUrl, authDatabaseUrl: postgres.authDatabaseUrl });
  stores.mode.postgres = 'server';
}

async function createRedis(url: string, stores: TestStores, cleanups: Cleanup[]): Promise<void> {
  await checkRedis(url);
  cleanups.push(async () => {
    await withRedis(url, (redis) => clearNamespace(redis, stores.redisNamespace));
  });
  Object.assign(stores, { redisUrl: url });
  stores.mode.redis = 'server';
}

async function createClickhouse(url: string, stores: TestStores, cleanups: Cleanup[]): Promise<void> {
  const clickhouse = await createClickhouseRun(url, stores.runId);
  cleanups.push(clickhouse.drop);
  Object.assign(stores, { clickhouseUrl: clickhouse.url, clickhouseDatabase: clickhouse.database });
  stores.mode.clickhouse = 'server';
}

/** Each configured store switches to server mode; the others stay embedded. */
async function createStores(
  env: IsolatedEnvironment,
  stores: TestStores,
  cleanups: Cleanup[],
): Promise<void> {
  const creators = [
    ['DATABASE_URL', createPostgres],
    ['REDIS_URL', createRedis],
    ['CLICKHOUSE_URL', createClickhouse],
  ] as const;
  for (const [variable, create] of creators) {
    const url = configured(env, variable);
    if (url !== undefined) {
      await create(url, stores, cleanups);
    }
  }
}

/**
 * Prepares the stores of one run from `env` (DATABASE_URL, REDIS_URL, CLICKHOUSE_URL).
 * Refuses a DATABASE_URL that does not name a test database before touching anything; when a
 * later step fails, whatever was already created is removed before the error is rethrown.
 */
export async function prepareTestStores(
  env: IsolatedEnvironment,
  runId: string = newRunId(),
): Promise<PreparedStores> {
  const databaseUrl = configured(env, 'DATABASE_URL');
  if (databaseUrl !== undefined) {
    assertTestDatabaseUrl(databaseUrl);
  }
  const tempRoot = mkdtempSync(join(tmpdir(), `netra-test-${runId}-`));
  const cleanups: Cleanup[] = [() => rm(tempRoot, { recursive: true, force: true })];
  const stores: TestStores = {
    runId,
    databasePooling: configured(env, 'DATABASE_POOLING'),
    redisNamespace: redisNamespace(runId),
    tempRoot,
    mode: { postgres: 'embedded', redis: 'embedded', clickhouse: 'embedded' },
  };
  try {
    await createStores(env, stores, cleanups);
  } catch (error) {
    await runCleanups(cleanups).catch(() => undefined);
    throw error;
  }
  return { stores, teardown: () => runCleanups(cleanups) };
}

/** One line for logs: the run id and each store's mode, with no credentials. */
export function describeStores(stores: TestStores): string {
  const where = (mode: StoreMode, detail: string) => (mode === 'server' ? `server ${detail}` : 'embedded');
  return [
    `run ${stores.runId}`,
    `postgres ${where(stores.mode.postgres, `netra_test_${stores.runId}(_auth)`)}`,
    `redis ${where(stores.mode.redis, `${stores.redisNamespace}:*`)}`,
    `clickhouse ${where(stores.mode.clickhouse, stores.clickhouseDatabase ?? '')}`,
  ].join(', ');
}
