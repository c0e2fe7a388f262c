/**
 * The per-request pass: every request of the scope, oldest first, in chunks, with the §4.2 flags
 * from the same SQL the profile aggregates (request-flags-sql). The window query runs ONCE into a
 * table of the scratch database ordered by (ts, event_id), which is then read page by page on its
 * sorting key (each page a range read, so memory stays flat however large the scope) and dropped
 * at the end.
 * @module
 */
import type { AnalysisSettings, AnalyzedRequest } from '@netra/optimizer';
import type { ClickHouseStore, QueryParams } from '#platform/stores/clickhouse.js';
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

/** A page row as JSON gives it: 64-bit integers may arrive as text. */
type RawRequest = Record<keyof AnalyzedRequest, unknown> & { event_id?: unknown };

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Maps a row by hand: at a million rows a schema parse would dominate the pass. */
function toAnalyzedRequest(row: RawRequest): AnalyzedRequest {
  return {
    timestamp: Number(row.timestamp),
    request_count: Number(row.request_count),
    aggregated: row.aggregated === true || row.aggregated === 1,
    feature: String(row.feature),
    provider: String(row.provider),
    model: String(row.model),
    priced_provider: String(row.priced_provider),
    priced_model: String(row.priced_model),
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
    cache_read_tokens: Number(row.cache_read_tokens),
    cache_write_tokens: Number(row.cache_write_tokens),
    reasoning_tokens: Number(row.reasoning_tokens),
    cache_write_1h_tokens: Number(row.cache_write_1h_tokens),
    web_search_requests: Number(row.web_search_requests),
    cost_usd: nullableNumber(row.cost_usd),
    status: row.status === 'error' ? 'error' : 'success',
    batch: row.batch === true || row.batch === 1,
    stream: row.stream === true || row.stream === 1,
    max_tokens: nullableNumber(row.max_tokens),
    response_repeat: row.response_repeat === true || row.response_repeat === 1,
    cacheable_prefix_tokens: Number(row.cacheable_prefix_tokens),
    cache_write_prefix_tokens: Number(row.cache_write_prefix_tokens),
  };
}

/** Reads a scratch table page by page on its sorting key (keyset paging: each page is a range read). */
async function* paged(store: ClickHouseStore, table: string): AsyncIterable<AnalyzedRequest[]> {
  let after: QueryParams | undefined;
  for (;;) {
    const where =
      after === undefined
        ? ''
        : 'WHERE ts >= {after_ts:Int64} AND (ts > {after_ts:Int64} OR event_id > {after_id:String}) ';
    const rows = await store.queryRows<RawRequest>(
      `SELECT event_id, ${OUTPUT} FROM ${table} ${where}ORDER BY ts, event_id LIMIT ${ANALYZED_CHUNK_SIZE}`,
      after ?? {},
    );
    const last = rows.at(-1);
    if (last === undefined) {
      return;
    }
    yield rows.map(toAnalyzedRequest);
    if (rows.length < ANALYZED_CHUNK_SIZE) {
      return;
    }
    after = { after_ts: Number(last.timestamp), after_id: String(last.event_id) };
  }
}

/** Where the pass reads from and keeps its intermediate table. */
export interface AnalyzedRequestsContext {
  store: ClickHouseStore;
  /** The quoted, qualified usage events table. */
  events: string;
  scratch: ScratchDatabase;
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
  const { store, events, scratch } = context;
  const flags = requestFlagsSql(events, scope, settings, COLUMNS);
  const table = scratch.newTable('analyzed_requests');
  try {
    await store.command(
      `CREATE TABLE ${table} ENGINE = MergeTree ORDER BY (ts, event_id) AS ${flags.sql}`,
      flags.params,
    );
    yield* paged(store, table);
  } finally {
    await store.command(`DROP TABLE IF EXISTS ${table}`);
  }
}
