/**
 * Test helpers (`@netra/test-framework/stores`): the run's isolated stores, temporary data
 * directories, and an IsolatedEnvironment for starting a service under test against them.
 * Import from test files only: it registers cleanup hooks with vitest.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject, onTestFinished, TestRunner } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import { createPostgresRun } from '#setup/postgres-run.js';
import { STORES_KEY } from '#setup/provided.js';
import { redisNamespace, subNamespace } from '#setup/redis-run.js';
import { newRunId } from '#setup/run-id.js';
import type { StoreMode, TestStores } from '#setup/test-stores.js';

export type { StoreMode, TestStores };

let embedded: TestStores | undefined;

/** Embedded defaults for projects without the global setup (unit tests): no servers, a fresh namespace. */
function embeddedStores(): TestStores {
  const runId = newRunId();
  return {
    runId,
    redisNamespace: redisNamespace(runId),
    tempRoot: tmpdir(),
    mode: { postgres: 'embedded', redis: 'embedded', clickhouse: 'embedded' },
  };
}

/**
 * The stores of this test run, as prepared by the integration/e2e global setup; in projects
 * without it (unit), every store is embedded.
 */
export function testStores(): TestStores {
  const provided = inject(STORES_KEY) as TestStores | undefined;
  if (provided !== undefined) {
    return provided;
  }
  embedded ??= embeddedStores();
  return embedded;
}

/**
 * A Redis namespace for one test file alone, for tests whose processes keep state across starts
 * (a job scheduler, say) that other files of the run must not share. Emptied with the run's.
 */
export function fileRedisNamespace(label: string): string {
  return subNamespace(testStores().redisNamespace, label);
}

/**
 * A PostgreSQL database of one test file alone (server mode; undefined when PostgreSQL is embedded,
 * where every data directory is its own database already). For tests whose background work scans
 * every organization's rows — a worker's recovery sweep, say — so that other files' rows in the
 * run's shared database never reach it. The caller drops it (`afterAll`).
 */
export async function filePostgres(
  label: string,
): Promise<{ databaseUrl: string; drop: () => Promise<void> } | undefined> {
  const { databaseUrl, runId } = testStores();
  if (databaseUrl === undefined) {
    return undefined;
  }
  const own = await createPostgresRun(databaseUrl, `${runId}_${label.replace(/[^a-z0-9]/gi, '_')}`);
  return { databaseUrl: own.databaseUrl, drop: own.drop };
}

function removeLater(dir: string): void {
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  // Inside a test, clean up after that test; at file or describe level, after that block.
  if (TestRunner.getCurrentTest() !== undefined) {
    onTestFinished(remove);
  } else {
    afterAll(remove);
  }
}

/**
 * A new empty directory under the run's temporary root, removed after the current test (when
 * called in a test) or after the file/describe block (when called at collection time). The
 * run's whole temporary root is also removed at teardown, so nothing outlives the run.
 */
export function tempDataDir(label = 'data'): string {
  const dir = mkdtempSync(join(testStores().tempRoot, `${label}-`));
  removeLater(dir);
  return dir;
}

export interface ServiceEnvironmentOptions {
  /** NETRA_DATA_DIR for embedded stores; a fresh `tempDataDir()` when omitted. */
  dataDir?: string;
  /** Extra values (or `undefined` to remove one), applied last. */
  overrides?: Record<string, string | undefined>;
}

/**
 * An IsolatedEnvironment for a service under test: ENVIRONMENT=test plus the run's store URLs
 * and namespace (DATABASE_URL, DATABASE_POOLING, AUTH_DATABASE_URL, REDIS_URL, REDIS_NAMESPACE, CLICKHOUSE_URL) and
 * NETRA_DATA_DIR. Stores in embedded mode get no URL, so the service opens its embedded default.
 */
export function serviceTestEnvironment(options: ServiceEnvironmentOptions = {}): IsolatedEnvironment {
  const stores = testStores();
  return IsolatedEnvironment.isolated({
    ENVIRONMENT: 'test',
    NODE_ENV: 'test',
    DATABASE_URL: stores.databaseUrl,
    DATABASE_POOLING: stores.databasePooling,
    AUTH_DATABASE_URL: stores.authDatabaseUrl,
    REDIS_URL: stores.redisUrl,
    REDIS_NAMESPACE: stores.redisNamespace,
    CLICKHOUSE_URL: stores.clickhouseUrl,
    NETRA_DATA_DIR: options.dataDir ?? tempDataDir(),
    ...options.overrides,
  });
}
