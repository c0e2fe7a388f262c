/**
 * The backend's only door to ClickHouse: the one module that imports `@clickhouse/client`. Server
 * mode talks HTTP; embedded mode runs chdb in-process behind the same client. Everything else uses
 * the small typed surface below (command, query rows, insert pre-encoded rows).
 * @module
 */
import { localTableName, onCluster } from './clickhouse-cluster.js';
import { mkdirSync } from 'node:fs';
import { decodeNativeBlocks, decodeNativeColumns, type NativeColumns } from './native-columns.js';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { TierMode } from '@netra/shared';
import type { ChdbExtension } from 'chdb/connection';

/** Values bound to `{name:Type}` placeholders; never spliced into SQL text. */
export type QueryParams = Record<string, unknown>;

/** The backend's ClickHouse tier: a real server over HTTP, or chdb in-process behind the same client. */
export interface ClickHouseStore {
  readonly mode: TierMode;
  readonly engine: string;
  /** Database holding the backend's tables. */
  readonly database: string;
  /** Cluster mode: the cluster the tables are spread over (see clickhouse-cluster.ts). */
  readonly cluster: string | undefined;
  /** The quoted, database-qualified name of a backend table, for SQL text. */
  table(name: string): string;
  /**
   * What `ALTER TABLE … DELETE` names to change a table's rows: the table itself on one node; in
   * cluster mode its local tables on every node (`<name>_local ON CLUSTER …`), as a Distributed
   * table holds no rows of its own.
   */
  mutationTarget(name: string): string;
  /** Runs a statement that returns no rows (DDL, INSERT … SELECT). */
  command(query: string, params?: QueryParams): Promise<void>;
  /** Runs a query and returns its rows as objects (64-bit integers as numbers). */
  queryRows<T>(query: string, params?: QueryParams): Promise<T[]>;
  /** Runs a query and yields its rows in chunks as they arrive (results too large to hold at once). */
  queryChunks<T>(query: string, params?: QueryParams): AsyncIterable<T[]>;
  /**
   * Runs a query and returns its result column by column, read in ClickHouse's Native format (see
   * native-columns.ts for the column types it takes): for reads of tens of thousands of rows at once.
   * Of the columns named in `lastOnly`, only the last value is decoded and returned.
   */
  queryColumns(query: string, params?: QueryParams, lastOnly?: ReadonlySet<string>): Promise<NativeColumns>;
  /**
   * queryColumns, block by block as ClickHouse answered (each `lastOnly` column keeps its block's
   * last value): a caller that walks the rows once reads the blocks in turn instead of a copy joined.
   */
  queryBlocks(query: string, params?: QueryParams, lastOnly?: ReadonlySet<string>): Promise<NativeColumns[]>;
  /** Inserts rows already encoded as JSONCompactEachRow lines (UTF-8, newline-ended), in `columns` order. */
  insertCompactJson(table: string, columns: readonly string[], rows: Buffer): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export interface OpenClickHouseOptions {
  /** Server mode when set; embedded chdb otherwise. */
  url: string | undefined;
  /** chdb data directory (embedded mode). */
  dataDir: string;
  /** Database for the backend's tables; a database in the URL path takes precedence. */
  database: string;
  /** Cluster mode (server only): the tables are replicated and sharded over this cluster. */
  cluster?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Applied to every request. Counts and token sums are UInt64, which JSON output quotes by default;
 * our values stay far below 2^53, so plain numbers are exact and save a conversion at every read.
 */
const CLIENT_SETTINGS: ClickHouseSettings = { output_format_json_quote_64bit_integers: 0 };

/**
 * ClickHouse error codes worth retrying: overload, timeouts, lost connections, read-only replicas.
 * Anything else (syntax, type, unknown table) fails the same way again.
 */
const TRANSIENT_CODES = new Set([3, 159, 202, 203, 209, 210, 241, 242, 252, 285, 319, 425, 999]);
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** True when retrying the same request may succeed (network trouble, overload, timeouts). */
export function isTransientClickHouseError(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  // Duck-typed: chdb raises the ClickHouseError of its own @clickhouse/client-common copy, and its
  // own insert errors carry the ClickHouse code as `clickhouseCode`.
  const chdbCode = (error as { clickhouseCode?: unknown }).clickhouseCode;
  const code = typeof chdbCode === 'number' ? String(chdbCode) : (error as NodeJS.ErrnoException).code;
  if (code !== undefined && /^\d+$/.test(code)) {
    return TRANSIENT_CODES.has(Number(code));
  }
  return (code !== undefined && TRANSIENT_NETWORK.has(code)) || /socket hang up|timeout/i.test(error.message);
}

/** The database the server URL names in its path (the client reads it from there), else the configured one. */
export function effectiveDatabase(url: string | undefined, configured: string): string {
  const fromPath = url === undefined ? '' : decodeURIComponent(new URL(url).pathname.slice(1));
  const database = fromPath === '' ? configured : fromPath;
  // Database names cannot be bound as parameters, so they must be plain identifiers.
  if (!IDENTIFIER.test(database)) {
    throw new Error(`ClickHouse database name "${database}" is not a plain identifier`);
  }
  return database;
}

/** chdb's own insert: the payload goes to the engine as one buffer, next to the statement. */
type RawInsert = ChdbExtension['rawInsert'];

interface EmbeddedClient {
  client: ClickHouseClient;
  rawInsert: RawInsert;
}

async function openEmbedded(dataDir: string): Promise<EmbeddedClient> {
  mkdirSync(dataDir, { recursive: true });
  // chdb is ~550 MB and loads a native engine; import it only when embedded mode is used.
  const { createChdbConnection } = await import('chdb/connection');
  const chdbConnection = createChdbConnection({ path: dataDir });
  // chdb implements @clickhouse/client-common's Connection; the client bundles its own copy of
  // those types, identical in shape but not in identity, hence the cast.
  const connection = chdbConnection as unknown as ClientConnection;
  return {
    client: createClient({ connection, clickhouse_settings: CLIENT_SETTINGS }),
    rawInsert: (params) => chdbConnection.chdb.rawInsert(params),
  };
}

async function openServer(url: string, database: string, cluster?: string): Promise<ClickHouseClient> {
  // Without a database the client would use the one in the URL path, which may not exist yet.
  const bootstrap = createClient({ url: withoutPath(url) });
  const everywhere = cluster === undefined ? '' : ` ${onCluster(cluster)}`;
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS \`${database}\`${everywhere}` });
  } finally {
    await bootstrap.close();
  }
  return createClient({
    url: withoutPath(url),
    database,
    // In a cluster an insert is acknowledged once the shards hold it, not when it is queued for them.
    clickhouse_settings:
      cluster === undefined ? CLIENT_SETTINGS : { ...CLIENT_SETTINGS, insert_distributed_sync: 1 },
    // Large parameter arrays (event ids of a batch) go in the body instead of an over-long URL.
    use_multipart_params_auto: true,
  });
}

function withoutPath(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/';
  return parsed.toString();
}

async function drain(stream: Readable): Promise<void> {
  // An INSERT answers with an empty body; reading it to the end lets HTTP keep-alive reuse the socket.
  for await (const _chunk of stream) {
    // nothing to read
  }
}

/**
 * Precise float parsing keeps every Float64 (costs, latencies) bit-identical to what was sent.
 * optimize_on_insert = 0: the writer already drops duplicates within a batch, so ClickHouse's
 * per-insert collapse of the ReplacingMergeTree block is redundant work on the hot path.
 */
const INSERT_SETTINGS = { precise_float_parsing: 1, optimize_on_insert: 0 };

function insertOverHttp(client: ClickHouseClient): ClickHouseStore['insertCompactJson'] {
  return async (table, columns, rows) => {
    if (rows.length === 0) {
      return;
    }
    const settings = Object.entries(INSERT_SETTINGS)
      .map(([name, value]) => `${name} = ${value}`)
      .join(', ');
    const query = `INSERT INTO ${table} (${columns.join(', ')}) SETTINGS ${settings} FORMAT JSONCompactEachRow`;
    const result = await client.exec({ query, values: Readable.from([rows]) });
    await drain(result.stream);
  };
}

/**
 * Embedded inserts bypass the client: it would prefix the statement with `SET …;` for the client
 * settings, and chdb then lexes the whole inline payload as SQL (measured: ~40% more CPU per row).
 */
function insertEmbedded(rawInsert: RawInsert): ClickHouseStore['insertCompactJson'] {
  return async (table, columns, rows) => {
    if (rows.length === 0) {
      return;
    }
    await rawInsert({
      // chdb takes a plain `db.table` identifier; both parts are validated identifiers.
      table: table.replaceAll('`', ''),
      columns,
      values: rows,
      format: 'JSONCompactEachRow',
      settings: { ...INSERT_SETTINGS, input_format_parallel_parsing: 0, max_threads: 1 },
    });
  };
}

async function* queryChunks<T>(
  client: ClickHouseClient,
  query: string,
  params: QueryParams | undefined,
): AsyncIterable<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  // Each chunk of the response body holds the rows that arrived together.
  for await (const rows of result.stream<T>()) {
    yield rows.map((row) => row.json());
  }
}

/** A query's whole answer in ClickHouse's Native format. */
async function nativePayload(
  client: ClickHouseClient,
  query: string,
  params: QueryParams | undefined,
): Promise<Buffer> {
  const result = await client.exec({
    query: `${query} FORMAT Native`,
    query_params: params,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of result.stream) {
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function storeOver(
  client: ClickHouseClient,
  mode: TierMode,
  database: string,
  insertCompactJson: ClickHouseStore['insertCompactJson'],
  cluster?: string,
): ClickHouseStore {
  const table = (name: string) => `\`${database}\`.\`${name}\``;
  return {
    mode,
    engine: mode === 'embedded' ? 'chdb' : 'clickhouse',
    database,
    cluster,
    table,
    mutationTarget: (name) =>
      cluster === undefined ? table(name) : `${table(localTableName(name))} ${onCluster(cluster)}`,
    command: async (query, params) => {
      await client.command({ query, query_params: params });
    },
    queryRows: async <T>(query: string, params?: QueryParams) => {
      const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
      return result.json<T>();
    },
    queryChunks: (query, params) => queryChunks(client, query, params),
    queryColumns: async (query, params, lastOnly) =>
      decodeNativeColumns(await nativePayload(client, query, params), lastOnly),
    queryBlocks: async (query, params, lastOnly) =>
      decodeNativeBlocks(await nativePayload(client, query, params), lastOnly),
    insertCompactJson,
    ping: async () => {
      const result = await client.ping();
      if (!result.success) {
        throw result.error;
      }
    },
    close: () => client.close(),
  };
}

/** Opens ClickHouse and makes sure the backend's database exists. */
export async function openClickHouse(options: OpenClickHouseOptions): Promise<ClickHouseStore> {
  const database = effectiveDatabase(options.url, options.database);
  if (options.url !== undefined) {
    const client = await openServer(options.url, database, options.cluster);
    return storeOver(client, 'server', database, insertOverHttp(client), options.cluster);
  }
  if (options.cluster !== undefined) {
    throw new Error('ClickHouse cluster mode needs a ClickHouse server (CLICKHOUSE_URL)');
  }
  const { client, rawInsert } = await openEmbedded(options.dataDir);
  try {
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${database}\`` });
  } catch (error) {
    await client.close();
    throw error;
  }
  return storeOver(client, 'embedded', database, insertEmbedded(rawInsert));
}
