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
import type { NativeValue } from '#platform/stores/native-columns.js';
import type { UsageScope } from '#modules/usage/usage-scope.js';
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

/** The columns a page reads, named as AnalyzedRequest names them. */
const OUTPUT = [
  'ts AS timestamp',
  ...Object.keys(COLUMNS),
  'response_repeat',
  'cacheable_prefix_tokens',
  'cache_write_prefix_tokens',
].join(', ');

/** A page as the Native format gives it, column by column. */
type RequestColumns = Record<keyof AnalyzedRequest, NativeValue[] | undefined>;

/** ClickHouse answers Bool columns as booleans and boolean expressions as UInt8. */
function truthy(value: NativeValue | undefined): boolean {
  return value === true || value === 1;
}

function nullableNumber(value: NativeValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function numbers(column: NativeValue[] | undefined): number[] {
  return (column ?? []).map(Number);
}

function strings(column: NativeValue[] | undefined): string[] {
  return (column ?? []).map(String);
}

function flags(column: NativeValue[] | undefined): boolean[] {
  return (column ?? []).map(truthy);
}

function nullableNumbers(column: NativeValue[] | undefined): (number | null)[] {
  return (column ?? []).map(nullableNumber);
}

/**
 * The rows of a page. Mapped by hand, column by column: at a million rows a schema parse would
 * dominate the pass.
 */
function toAnalyzedRequests(page: RequestColumns): AnalyzedRequest[] {
  const timestamp = numbers(page.timestamp);
  const [requestCount, aggregated, feature, provider, model] = [
    numbers(page.request_count),
    flags(page.aggregated),
    strings(page.feature),
    strings(page.provider),
    strings(page.model),
  ];
  const [pricedProvider, pricedModel, input, output] = [
    strings(page.priced_provider),
    strings(page.priced_model),
    numbers(page.input_tokens),
    numbers(page.output_tokens),
  ];
  const [cacheRead, cacheWrite, reasoning, cacheWrite1h, webSearch] = [
    numbers(page.cache_read_tokens),
    numbers(page.cache_write_tokens),
    numbers(page.reasoning_tokens),
    numbers(page.cache_write_1h_tokens),
    numbers(page.web_search_requests),
  ];
  const [cost, status, batch, stream, maxTokens] = [
    nullableNumbers(page.cost_usd),
    page.status ?? [],
    flags(page.batch),
    flags(page.stream),
    nullableNumbers(page.max_tokens),
  ];
  const [repeat, cacheable, prefixWrites] = [
    flags(page.response_repeat),
    numbers(page.cacheable_prefix_tokens),
    numbers(page.cache_write_prefix_tokens),
  ];
  return timestamp.map((time, i) => ({
    timestamp: time,
    request_count: requestCount[i] as number,
    aggregated: aggregated[i] as boolean,
    feature: feature[i] as string,
    provider: provider[i] as string,
    model: model[i] as string,
    priced_provider: pricedProvider[i] as string,
    priced_model: pricedModel[i] as string,
    input_tokens: input[i] as number,
    output_tokens: output[i] as number,
    cache_read_tokens: cacheRead[i] as number,
    cache_write_tokens: cacheWrite[i] as number,
    reasoning_tokens: reasoning[i] as number,
    cache_write_1h_tokens: cacheWrite1h[i] as number,
    web_search_requests: webSearch[i] as number,
    cost_usd: cost[i] ?? null,
    status: status[i] === 'error' ? 'error' : 'success',
    batch: batch[i] as boolean,
    stream: stream[i] as boolean,
    max_tokens: maxTokens[i] ?? null,
    response_repeat: repeat[i] as boolean,
    cacheable_prefix_tokens: cacheable[i] as number,
    cache_write_prefix_tokens: prefixWrites[i] as number,
  }));
}

/** A page: the requests' columns plus their event ids (the last one keys the next page). */
type PageColumns = RequestColumns & { event_id?: NativeValue[] };

/** The keyset position after a page's last request. */
type PagePosition = QueryParams | undefined;

function readPage(
  store: ClickHouseStore,
  table: string,
  after: PagePosition,
  only: { sql: string; params: QueryParams } | undefined,
): Promise<PageColumns> {
  const conditions = [
    ...(after === undefined
      ? []
      : ['ts >= {after_ts:Int64} AND (ts > {after_ts:Int64} OR event_id > {after_id:String})']),
    ...(only === undefined ? [] : [only.sql]),
  ];
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')} `;
  return store.queryColumns(
    `SELECT event_id, ${OUTPUT} FROM ${table} ${where}ORDER BY ts, event_id LIMIT ${ANALYZED_CHUNK_SIZE}`,
    { ...after, ...only?.params },
  ) as Promise<PageColumns>;
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
): AsyncIterable<AnalyzedRequest[]> {
  const only = segmentFilter(segments);
  let next: Promise<PageColumns> | undefined = readPage(store, table, undefined, only);
  try {
    while (next !== undefined) {
      const page = await next;
      next = undefined;
      const rows = page.timestamp?.length ?? 0;
      if (rows === ANALYZED_CHUNK_SIZE) {
        const after = { after_ts: page.timestamp?.[rows - 1], after_id: page.event_id?.[rows - 1] };
        next = readPage(store, table, after, only);
      }
      if (rows > 0) {
        yield toAnalyzedRequests(page);
      }
    }
  } finally {
    // A caller that stops early leaves a page in flight: wait for it so its failure is not unhandled.
    await next?.catch(() => undefined);
  }
}

/** Only the requests of `segments`, when given. */
function segmentFilter(
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
}

/**
 * The flags query's memory stays bounded whatever the scope: rows are written in blocks of 64K, sorts
 * and groupings spill past 200 MB, and the join with the prefix reuse hashes into buckets that can
 * spill (measured on 3,000,000 requests: 1.21 GB peak against 1.75 GB, in about the same time).
 */
const BOUNDED_MEMORY = [
  'max_block_size = 65536',
  'min_insert_block_size_rows = 65536',
  'min_insert_block_size_bytes = 0',
  'max_bytes_before_external_sort = 200000000',
  'max_bytes_before_external_group_by = 200000000',
  "join_algorithm = 'grace_hash'",
  'grace_hash_join_initial_buckets = 8',
].join(', ');

/**
 * Runs the flags query of `scope` ONCE into a new scratch table ordered by (timestamp, event_id)
 * and returns the table's name. The profile's flag
 * aggregates and every per-request pass of one analysis read this table; the caller drops it.
 */
export async function materializeRequestFlags(
  context: AnalyzedRequestsContext,
  scope: UsageScope,
  settings: AnalysisSettings,
): Promise<string> {
  const { store, events, scratch } = context;
  const flags = requestFlagsSql(events, scope, settings, COLUMNS);
  const table = scratch.newTable('analyzed_requests');
  await store.command(
    `CREATE TABLE ${table} ENGINE = MergeTree ORDER BY (ts, event_id) AS ${flags.sql} SETTINGS ${BOUNDED_MEMORY}`,
    flags.params,
  );
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
): AsyncIterable<AnalyzedRequest[]> {
  const table = await materializeRequestFlags(context, scope, settings);
  try {
    yield* pagedRequests(context.store, table);
  } finally {
    await context.store.command(`DROP TABLE IF EXISTS ${table}`);
  }
}
