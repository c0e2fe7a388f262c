/**
 * The per-request pass: every request of the scope, oldest first, in chunks, with the §4.2 flags
 * from the same SQL the profile aggregates (request-flags-sql). The window query runs ONCE into a
 * table of the scratch database ordered by (ts, event_id), which is then read page by page
 * on its sorting key (each page a range read, so memory stays flat however large the scope) and
 * dropped at the end; an analysis session (usage-analysis-session) shares one such table between
 * the profile and every pass.
 * @module
 */
import type { AnalysisSettings, AnalyzedRequest, SegmentKey } from '@netra/optimizer';
import type { ClickHouseStore, QueryParams } from '#platform/stores/clickhouse.js';
import type { UsageScope } from '#modules/usage/usage-scope.js';
import { pageEnd, pageLength, requestsOf, type PageBlocks } from './analyzed-request-rows.js';
import { flagSlices } from './flag-slices.js';
import { requestFlagsSql, type ColumnMap } from './request-flags-sql.js';
import type { ScratchDatabase } from './scratch-database.js';

/** Requests per chunk: big enough to amortize a query, small enough to stay light in memory. */
export const ANALYZED_CHUNK_SIZE = 50_000;

const COLUMNS: ColumnMap = {
  request_count: 'request_count',
  aggregated: '(period_end IS NOT NULL OR request_count > 1)',
  feature: 'feature',
  provider: 'provider',
  model: 'model',
  priced_provider: 'priced_provider',
  priced_model: 'priced_model',
  input_tokens: 'input_tokens',
  output_tokens: 'output_tokens',
  cache_read_tokens: 'cache_read_tokens',
  cache_write_tokens: 'cache_write_tokens',
  reasoning_tokens: 'reasoning_tokens',
  cache_write_1h_tokens: 'cache_write_1h_tokens',
  web_search_requests: 'web_search_requests',
  cost_usd: 'cost_usd',
  status: 'status',
  batch: 'batch',
  stream: 'stream',
  max_tokens: 'max_tokens',
};

/**
 * Token counts are 64-bit integers (`*_tokens`); they are read as Float64: the same numbers below
 * 2^53, decoded as plain doubles.
 */
const readAsDouble = (name: string) => (name.endsWith('_tokens') ? `toFloat64(${name}) AS ${name}` : name);

/** The columns a page reads, named as AnalyzedRequest names them. */
const OUTPUT = [
  'toFloat64(ts) AS timestamp',
  ...[...Object.keys(COLUMNS), 'response_repeat', 'cacheable_prefix_tokens', 'cache_write_prefix_tokens'].map(
    readAsDouble,
  ),
].join(', ');

/** Of the event ids only each block's last is decoded: at a million requests, decoding them all cost 0.25 s. */
const PAGE_KEY = new Set(['event_id']);

/** The keyset position after a page's last request. */
type PagePosition = QueryParams | undefined;

function readPage(
  store: ClickHouseStore,
  table: string,
  after: PagePosition,
  only: { sql: string; params: QueryParams } | undefined,
): Promise<PageBlocks> {
  const conditions = [
    ...(after === undefined
      ? []
      : ['ts >= {after_ts:Int64} AND (ts > {after_ts:Int64} OR event_id > {after_id:String})']),
    ...(only === undefined ? [] : [only.sql]),
  ];
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')} `;
  return store.queryBlocks(
    `SELECT event_id, ${OUTPUT} FROM ${table} ${where}ORDER BY ts, event_id LIMIT ${ANALYZED_CHUNK_SIZE}`,
    { ...after, ...only?.params },
    PAGE_KEY,
  );
}

/**
 * Reads a flags table page by page on its sorting key (keyset paging: each page is a range read),
 * column by column in the Native format: JSON would cost more to produce and parse than the query.
 * The next page is asked for before the current one is handed over: ClickHouse reads it on its own
 * threads while the caller works through this one.
 */
export async function* pagedRequests(
  store: ClickHouseStore,
  table: string,
  segments?: readonly SegmentKey[],
): AsyncGenerator<Iterable<AnalyzedRequest>, void, undefined> {
  const only = segmentFilter(segments);
  let next: Promise<PageBlocks> | undefined = readPage(store, table, undefined, only);
  try {
    while (next !== undefined) {
      const page = await next;
      next = undefined;
      const rows = pageLength(page);
      if (rows === ANALYZED_CHUNK_SIZE) {
        const end = pageEnd(page);
        next = readPage(store, table, { after_ts: end.timestamp, after_id: end.eventId }, only);
      }
      if (rows > 0) {
        yield requestsOf(page);
      }
    }
  } finally {
    // A caller that stops early leaves a page in flight: wait for it so its failure is not unhandled.
    await next?.catch(() => undefined);
  }
}

/** Only the requests of `segments`, when given. */
export function segmentFilter(
  segments: readonly SegmentKey[] | undefined,
): { sql: string; params: QueryParams } | undefined {
  if (segments === undefined) {
    return undefined;
  }
  return {
    sql:
      'has(arrayZip({only_features:Array(String)}, {only_providers:Array(String)}, {only_models:Array(String)}), ' +
      '(feature, provider, model))',
    params: {
      only_features: segments.map((segment) => segment.feature),
      only_providers: segments.map((segment) => segment.provider),
      only_models: segments.map((segment) => segment.model),
    },
  };
}

/** Where the pass reads from and keeps its intermediate table. */
export interface AnalyzedRequestsContext {
  store: ClickHouseStore;
  /** The quoted, qualified usage events table. */
  events: string;
  scratch: ScratchDatabase;
  /** The process is the analysis's alone: the flags' joins may hold a slice in memory (see JOINS_IN_MEMORY). */
  joinsInMemory?: boolean | undefined;
}

/**
 * The flags query's memory stays bounded whatever the scope: sorts and groupings spill past 200 MB,
 * and its joins hash into buckets that can spill (measured on 3,000,000 requests in one statement:
 * 1.21 GB peak against 1.75 GB, in about the same time). A slice is written as ONE part
 * (up to 1M rows or 256 MB): the slices cover disjoint times, so each page reads one or two parts;
 * written in 64K-row parts that each span the slice, every page merged fifteen of them (at 1M
 * requests a pass took 2.8 s instead of 1.6 s, for 0.13 GB more at the peak).
 */
const BOUNDED_MEMORY = [
  'max_block_size = 65536',
  'min_insert_block_size_rows = 1048576',
  'min_insert_block_size_bytes = 268435456',
  'max_bytes_before_external_sort = 200000000',
  'max_bytes_before_external_group_by = 200000000',
].join(', ');

const JOINS_SPILLING = "join_algorithm = 'grace_hash', grace_hash_join_initial_buckets = 8";

/**
 * For a process that is the analysis's alone (`netra analyze`): the joins hold one slice's flags
 * in memory. Faster (a 1.1M-request slice of 10M: 3.4 s → 2.9 s) for more memory (that slice's
 * statement peaked at 1.16 GB against 0.97 GB; an agent run over 10M events in the server's process,
 * 1.56 GB against 1.28 GB, for 70 s against 77 s).
 */
const JOINS_IN_MEMORY = "join_algorithm = 'hash'";

/**
 * The flags table: read in its order, page by page. It is never merged: its parts are already as
 * large as a slice, and background merges would only take the cores the passes run on.
 */
const FLAGS_TABLE =
  'ENGINE = MergeTree ORDER BY (ts, event_id) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1';

/**
 * Runs the flags query of `scope` ONCE into a new scratch table ordered by (timestamp, event_id),
 * one time slice after another (flag-slices), and returns the table's name. The profile's flag
 * aggregates and every per-request pass of one analysis read this table; the caller drops it.
 */
export async function materializeRequestFlags(
  context: AnalyzedRequestsContext,
  scope: UsageScope,
  settings: AnalysisSettings,
  sliceRequests?: number,
): Promise<string> {
  const { store, events, scratch } = context;
  const slices = await flagSlices(store, events, scope, sliceRequests);
  const settingsSql = `${BOUNDED_MEMORY}, ${context.joinsInMemory === true ? JOINS_IN_MEMORY : JOINS_SPILLING}`;
  const table = scratch.newTable('analyzed_requests');
  try {
    for (const [index, slice] of slices.entries()) {
      const flags = requestFlagsSql(events, scope, settings, COLUMNS, slice);
      const into = index === 0 ? `CREATE TABLE ${table} ${FLAGS_TABLE} AS` : `INSERT INTO ${table}`;
      await store.command(`${into} ${flags.sql} SETTINGS ${settingsSql}`, flags.params);
    }
  } catch (error) {
    await store.command(`DROP TABLE IF EXISTS ${table}`);
    throw error;
  }
  return table;
}

/**
 * Every request of `scope` ordered by (timestamp, event_id), in chunks of at most
 * ANALYZED_CHUNK_SIZE, with response_repeat and the prefix-reuse tokens of ARCHITECTURE §4.2.
 * Abandoning the iteration early (break/return) still drops the scratch table.
 */
export async function* analyzedRequests(
  context: AnalyzedRequestsContext,
  scope: UsageScope,
  settings: AnalysisSettings,
): AsyncIterable<Iterable<AnalyzedRequest>> {
  const table = await materializeRequestFlags(context, scope, settings);
  try {
    yield* pagedRequests(context.store, table);
  } finally {
    await context.store.command(`DROP TABLE IF EXISTS ${table}`);
  }
}
