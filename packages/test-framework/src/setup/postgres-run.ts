/**
 * A fresh PostgreSQL database per test run on a shared server, dropped at teardown.
 * @module
 */
import { userInfo } from 'node:os';
import pg from 'pg';
import { resolveDatabaseUrl } from '@netra/shared/server';
import { toNodePgSsl } from '@netra/shared/postgres';
import { runStartedAt } from './run-id.js';
import { assertTestDatabaseUrl, withDatabaseName, withDefaultUser } from './test-database.js';

/** Databases this framework creates are all named `netra_test_<runId>…`. */
export const DATABASE_PREFIX = 'netra_test_';
/** A database left behind by a crashed run is swept once it is this old. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface PostgresRun {
  databaseUrl: string;
  authDatabaseUrl: string;
  databases: string[];
  drop: () => Promise<void>;
}

/** Runs `fn` with a client connected to the database `url` names (as the OS user when it names none). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const resolved = resolveDatabaseUrl(withDefaultUser(url, userInfo().username), { environment: 'test' });
  const client = new pg.Client({
    connectionString: resolved.connectionString,
    ssl: toNodePgSsl(resolved.tls),
    application_name: 'netra-test-framework',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Drops a database, disconnecting whatever a test left connected to it. */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) terminates sessions a test left open instead of failing.
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Drops databases of runs that crashed before their teardown, once they are a day old. */
async function sweepStale(client: pg.Client, now: number): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'netra\\_test\\_%'",
  );
  for (const { datname } of rows) {
    const started = runStartedAt(datname.slice(DATABASE_PREFIX.length, DATABASE_PREFIX.length + 17));
    if (started !== undefined && now - started > STALE_AFTER_MS) {
      await dropDatabase(client, datname).catch(() => undefined);
    }
  }
}

/** Creates every database, or none: a partial failure drops what was already created. */
async function createAll(client: pg.Client, names: readonly string[]): Promise<void> {
  const created: string[] = [];
  try {
    for (const name of names) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      created.push(name);
    }
  } catch (error) {
    for (const name of created) {
      await dropDatabase(client, name).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Creates `netra_test_<runId>` (backend) and `netra_test_<runId>_auth` on the server `adminUrl`
 * points at, after checking that `adminUrl` names a test database.
 */
export async function createPostgresRun(configuredUrl: string, runId: string): Promise<PostgresRun> {
  assertTestDatabaseUrl(configuredUrl);
  const adminUrl = withDefaultUser(configuredUrl, userInfo().username);
  const databases = [`${DATABASE_PREFIX}${runId}`, `${DATABASE_PREFIX}${runId}_auth`];
  await withClient(adminUrl, async (client) => {
    await sweepStale(client, Date.now());
    await createAll(client, databases);
  });
  return {
    databaseUrl: withDatabaseName(adminUrl, databases[0] as string),
    authDatabaseUrl: withDatabaseName(adminUrl, databases[1] as string),
    databases,
    drop: () =>
      withClient(adminUrl, async (client) => {
        for (const name of databases) {
          await dropDatabase(client, name);
        }
      }),
  };
}
