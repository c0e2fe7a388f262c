import { mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import type { TierMode } from '#health/health.js';
import { resolveDatabaseUrl, type DatabaseTls } from '#db/database-url.js';
import { lockDataDir } from './data-dir-lock.js';
import { QueryObserverSlot, timeQueries, type QueryObserver } from './query-timing.js';

export { DataDirInUseError } from './data-dir-lock.js';
export { queryOperation, type QueryObserver, type QueryTiming } from './query-timing.js';
import type { EnvironmentName } from '#env/environment.js';

export type PostgresDatabase<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface MigrationOptions {
  migrationsFolder: string;
  /** Schema holding drizzle's migration journal; lets two services share one database safely. */
  migrationsSchema?: string;
  migrationsTable?: string;
}

export interface PostgresHandle<TSchema extends Record<string, unknown>> {
  readonly mode: TierMode;
  readonly engine: string;
  readonly db: PostgresDatabase<TSchema>;
  ping(): Promise<void>;
  migrate(options: MigrationOptions): Promise<void>;
  /** Reports every query from now on (for latency metrics); `undefined` stops reporting. */
  observeQueries(observer: QueryObserver | undefined): void;
  close(): Promise<void>;
}

export interface OpenPostgresOptions<TSchema extends Record<string, unknown>> {
  /** Server mode when set; otherwise PGlite in `dataDir`. */
  url: string | undefined;
  /** PGlite data directory (embedded mode), or `memory://` for a throwaway database. */
  dataDir: string;
  environment: EnvironmentName;
  schema: TSchema;
  applicationName: string;
  poolSize?: number;
}

/** Turns the resolver's TLS decision into node-postgres `ssl` options. */
export function toNodePgSsl(tls: DatabaseTls): false | ConnectionOptions {
  if (tls === false) {
    return false;
  }
  const read = (file: string | undefined) => (file === undefined ? undefined : readFileSync(file, 'utf8'));
  const ca = read(tls.caFile);
  const cert = read(tls.certFile);
  const key = read(tls.keyFile);
  return {
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.verifyHostname ? {} : { checkServerIdentity: () => undefined }),
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}

function createPool(
  url: string,
  options: OpenPostgresOptions<Record<string, unknown>>,
  queries: QueryObserverSlot,
): pg.Pool {
  const resolved = resolveDatabaseUrl(url, { environment: options.environment });
  const pool = new pg.Pool({
    ...(parseConnectionString(resolved.connectionString) as pg.PoolConfig),
    // libpq falls back to the OS account when the URL names no user; node-postgres needs it spelled out.
    user: resolved.user ?? userInfo().username,
    ssl: toNodePgSsl(resolved.tls),
    max: options.poolSize ?? 10,
    application_name: options.applicationName,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Every query, pooled or inside a transaction, runs on one of the pool's clients: time them there.
  pool.on('connect', (client) => {
    timeQueries(client, ['query'], queries);
  });
  return pool;
}

function openServer<TSchema extends Record<string, unknown>>(
  url: string,
  options: OpenPostgresOptions<TSchema>,
): PostgresHandle<TSchema> {
  const queries = new QueryObserverSlot();
  const pool = createPool(url, options, queries);
  const db = drizzleNodePg(pool, { schema: options.schema });
  return {
    mode: 'server',
    engine: 'postgresql',
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: (migration) => migrateNodePg(db, migration),
    observeQueries: (observer) => {
      queries.set(observer);
    },
    close: () => pool.end(),
  };
}

/** A PGlite instance on its data directory, holding the directory's owner lock until closed. */
async function createPglite(dataDir: string): Promise<{ client: PGlite; unlock: () => void }> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
  }
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    return { client: await PGlite.create(dataDir), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Times PGlite's queries, including those a transaction runs through its own `tx` object. */
function timePglite(client: PGlite, queries: QueryObserverSlot): void {
  timeQueries(client, ['query', 'exec'], queries);
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) =>
    transaction((tx) => callback(timeQueries(tx, ['query', 'exec'], queries)));
}

async function openEmbedded<TSchema extends Record<string, unknown>>(
  options: OpenPostgresOptions<TSchema>,
): Promise<PostgresHandle<TSchema>> {
  const { client, unlock } = await createPglite(options.dataDir);
  const queries = new QueryObserverSlot();
  timePglite(client, queries);
  const db = drizzlePglite(client, { schema: options.schema });
  return {
    mode: 'embedded',
    engine: 'pglite',
    db,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: (migration) => migratePglite(db, migration),
    observeQueries: (observer) => {
      queries.set(observer);
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

/** Opens PostgreSQL in server mode (URL given) or embedded mode (PGlite); the same drizzle API either way. */
export async function openPostgres<TSchema extends Record<string, unknown>>(
  options: OpenPostgresOptions<TSchema>,
): Promise<PostgresHandle<TSchema>> {
  if (options.url !== undefined) {
    return openServer(options.url, options);
  }
  return openEmbedded(options);
}

/**
 * Runs raw SQL and returns its rows. node-postgres and PGlite both answer `{ rows }`, but drizzle's
 * driver-generic database type cannot say so; this is the one place that bridges it.
 */
export async function executeRows<Row extends Record<string, unknown>>(
  db: PostgresDatabase<Record<string, unknown>>,
  query: SQL,
): Promise<Row[]> {
  const result: unknown = await db.execute<Row>(query);
  return (result as { rows: Row[] }).rows;
}
