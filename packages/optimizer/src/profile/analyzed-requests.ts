/**
 * The per-request pass: every request of the scope, oldest first, in chunks, with the §4.2 flags
 * from the same SQL the profile aggregates (request-flags-sql). When the source can run commands,
 * the window query runs ONCE into a scratch table ordered by (ts, event_id) that is then read page
 * by page on its sorting key and dropped at the end; otherwise the ordered query is streamed.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { AnalysisScope, AnalysisSettings, SqlParams, UsageSource } from '#analysis/usage-source.js';
import { requestFlagsSql, type ColumnMap } from './request-flags-sql.js';

/** Requests per chunk: big enough to amortize a query, small enough to stay light in memory. */
export const ANALYZED_CHUNK_SIZE = 50_000;

const COLUMNS: ColumnMap = {
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

/** Re-chunks whatever the source streams into chunks of at most ANALYZED_CHUNK_SIZE. */
async function* streamed(
  source: UsageSource,
  sql: string,
  params: SqlParams,
): AsyncIterable<AnalyzedRequest[]> {
  let chunk: AnalyzedRequest[] = [];
  for await (const rows of source.stream<RawRequest>(sql, params)) {
    for (const row of rows) {
      chunk.push(toAnalyzedRequest(row));
      if (chunk.length === ANALYZED_CHUNK_SIZE) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
}

/** Reads a scratch table page by page on its sorting key (keyset paging: each page is a range read). */
async function* paged(source: UsageSource, table: string): AsyncIterable<AnalyzedRequest[]> {
  let after: SqlParams | undefined;
  for (;;) {
    const where =
      after === undefined
        ? ''
        : 'WHERE ts >= {after_ts:Int64} AND (ts > {after_ts:Int64} OR event_id > {after_id:String}) ';
    const rows = await source.rows<RawRequest>(
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

async function* materialized(
  source: UsageSource & Required<Pick<UsageSource, 'command' | 'scratchTable'>>,
  sql: string,
  params: SqlParams,
): AsyncIterable<AnalyzedRequest[]> {
  const table = source.scratchTable(`analyzed_requests_${crypto.randomUUID().replaceAll('-', '')}`);
  try {
    await source.command(
      `CREATE TABLE ${table} ENGINE = MergeTree ORDER BY (ts, event_id) AS ${sql}`,
      params,
    );
    yield* paged(source, table);
  } finally {
    await source.command(`DROP TABLE IF EXISTS ${table}`, {});
  }
}

function canMaterialize(
  source: UsageSource,
): source is UsageSource & Required<Pick<UsageSource, 'command' | 'scratchTable'>> {
  return source.command !== undefined && source.scratchTable !== undefined;
}

/**
 * Every request of `scope` ordered by (timestamp, event_id), in chunks of at most
 * ANALYZED_CHUNK_SIZE, with response_repeat and the prefix-reuse tokens of ARCHITECTURE §4.2.
 * Abandoning the iteration early (break/return) still drops the scratch table.
 */
export async function* analyzedRequests(
  source: UsageSource,
  scope: AnalysisScope,
  settings: AnalysisSettings,
): AsyncIterable<AnalyzedRequest[]> {
  const flags = requestFlagsSql(source, scope, settings, COLUMNS);
  if (canMaterialize(source)) {
    yield* materialized(source, flags.sql, flags.params);
    return;
  }
  yield* streamed(source, `SELECT ${OUTPUT} FROM (${flags.sql}) ORDER BY ts, event_id`, flags.params);
}
