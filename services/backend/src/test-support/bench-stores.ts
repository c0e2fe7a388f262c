/**
 * Where the API benchmark's services keep their data. `server` is how production runs: the
 * PostgreSQL server at 127.0.0.1:5432 (a throwaway database `netra_bench_<id>` shared by both services,
 * each in its own schema, dropped afterwards) and the Redis server at 127.0.0.1:6379 (a namespace
 * `netra-bench-<id>` whose keys are deleted afterwards with SCAN + UNLINK — never a flush, that Redis is
 * shared). `embedded` is PGlite and the in-process hot tier. ClickHouse is chdb in both.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { processesCpuMs, type CpuTimes } from '#test-support/process-cpu.js';

export type BenchStoreMode = 'embedded' | 'server';

export interface BenchStores {
  mode: BenchStoreMode;
  /** One line for the header: what each store is. */
  description: string;
  /** The variables the auth service needs on top of its defaults. */
  auth: Record<string, string>;
  /** The variables the backend needs on top of its defaults. */
  backend: Record<string, string>;
  /**
   * CPU used so far by the store servers (server mode): PostgreSQL's sessions on the bench database,
   * and the Redis server (all of it: it is shared). Embedded stores run inside the services.
   */
  cpuTimes(): Promise<CpuTimes>;
  /** Drops the database and deletes the namespace's keys (server mode); nothing to do when embedded. */
  release(): Promise<void>;
}

const SERVER_ADMIN_URL = 'postgres://127.0.0.1:5432/postgres';
const SERVER_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 2_000;
const SCAN_BATCH = 500;

async function withPostgres<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // Trust auth; libpq's default user is the OS account, node-postgres needs it in the URL.
  const client = new pg.Client({
    connectionString: SERVER_ADMIN_URL.replace('//', `//${encodeURIComponent(userInfo().username)}@`),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    application_name: 'netra-api-bench',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(SERVER_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Whether both servers answer; `server` is the default only then. */
export async function serversAnswer(): Promise<boolean> {
  const postgres = withPostgres((client) => client.query('select 1')).then(
    () => true,
    () => false,
  );
  const redis = withRedis((client) => client.ping()).then(
    () => true,
    () => false,
  );
  const answers = await Promise.all([postgres, redis]);
  return answers.every(Boolean);
}

/** Deletes every key under `<namespace>:` (and only those); returns how many. */
async function clearNamespace(namespace: string): Promise<number> {
  return withRedis(async (redis) => {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', SCAN_BATCH);
      cursor = next;
      deleted += keys.length === 0 ? 0 : await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  });
}

async function postgresCpuMs(database: string): Promise<number | undefined> {
  const { rows } = await withPostgres((client) =>
    client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]),
  );
  return processesCpuMs(rows.map((row) => row.pid));
}

async function redisCpuMs(): Promise<number | undefined> {
  const info = await withRedis((redis) => redis.info('cpu'));
  const seconds = (name: string) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1]);
  const total = seconds('used_cpu_user') + seconds('used_cpu_sys');
  return Number.isFinite(total) ? total * 1000 : undefined;
}

async function serverCpuTimes(database: string): Promise<CpuTimes> {
  const [postgres, redis] = await Promise.all([postgresCpuMs(database), redisCpuMs()]);
  return {
    ...(postgres === undefined ? {} : { postgres }),
    ...(redis === undefined ? {} : { 'redis (whole server)': redis }),
  };
}

/** Drops the database (ending its sessions) and deletes the namespace's keys; both are tried. */
async function releaseServerStores(database: string, namespace: string): Promise<void> {
  const results = await Promise.allSettled([
    withPostgres((client) => client.query(`drop database if exists ${database} with (force)`)),
    clearNamespace(namespace),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
}

async function serverStores(): Promise<BenchStores> {
  // Lowercase letters and digits only: safe unquoted in SQL and in a Redis glob.
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const database = `netra_bench_${id}`;
  const namespace = `netra-bench-${id}`;
  await withPostgres((client) => client.query(`create database ${database}`));
  const databaseUrl = `postgres://127.0.0.1:5432/${database}`;
  const redis = { REDIS_URL: SERVER_REDIS_URL, REDIS_NAMESPACE: namespace };
  return {
    mode: 'server',
    description:
      `PostgreSQL 127.0.0.1:5432 (database ${database}, dropped afterwards), Redis 127.0.0.1:6379 ` +
      `(namespace ${namespace}, its keys deleted afterwards), chdb`,
    auth: { AUTH_DATABASE_URL: databaseUrl, ...redis },
    backend: { DATABASE_URL: databaseUrl, ...redis },
    cpuTimes: () => serverCpuTimes(database),
    release: () => releaseServerStores(database, namespace),
  };
}

function embeddedStores(): BenchStores {
  return {
    mode: 'embedded',
    description: 'PGlite, chdb and the in-process hot tier (revocation asked of the auth service over HTTP)',
    auth: {},
    backend: {},
    cpuTimes: () => Promise.resolve({}),
    release: () => Promise.resolve(),
  };
}

/** Prepares the stores of `mode`; server mode creates the database, so call `release` when done. */
export async function prepareBenchStores(mode: BenchStoreMode): Promise<BenchStores> {
  return mode === 'server' ? serverStores() : embeddedStores();
}
