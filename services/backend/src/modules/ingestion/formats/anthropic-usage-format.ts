/**
 * Anthropic usage export: the Admin API usage report (`GET /v1/organizations/usage_report/messages`,
 * JSON pages of `{starting_at, ending_at, results[]}`) and the Console's usage CSV export
 * (`usage_date_utc, model_version, api_key, workspace, usage_type, context_window,
 * usage_input_tokens_no_cache, usage_input_tokens_cache_write_5m/_1h (older: _cache_write),
 * usage_input_tokens_cache_read, usage_output_tokens, web_search_count, ...`).
 *
 * Facts used (Anthropic API reference, "Get Messages Usage Report"; prompt-caching docs): input is
 * reported EXCLUSIVE of cache — `uncached_input_tokens` excludes `cache_read_input_tokens` and
 * `cache_creation.ephemeral_5m_input_tokens` / `ephemeral_1h_input_tokens` — so the canonical
 * inclusive input is their sum. Results are grouped by `model`, `workspace_id`, `api_key_id`,
 * `service_tier` (`batch` means the Batch API), `context_window`; the report has no request count.
 *
 * Mapping decision: as for OpenAI, one result becomes one aggregated record over its bucket:
 * `timestamp` = `starting_at`, `period_end` = `ending_at` (a Console CSV row covers its UTC day, or
 * its hour in the hourly export). The report gives NO request count: a record stands for
 * `request_count` 1 unless the row carries one (`request_count`/`num_requests`, for exports that
 * add it), and says so with `metadata.request_count_reported = false`, which the engine reports as
 * a data-quality note. The 1-hour cache writes (`cache_creation.ephemeral_1h_input_tokens`, Console
 * `usage_input_tokens_cache_write_1h`) become cache_write_1h_tokens, server-side web searches
 * (`server_tool_use.web_search_requests`, Console `web_search_count`) web_search_requests.
 * Results with no tokens are skipped.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord } from './converted-rows.js';
import { toIsoTimestamp } from './timestamps.js';
import { fromAnthropicCounts } from './token-conventions.js';
import { aggregateEventId, convertBuckets, isEmptyUsage } from './usage-buckets.js';
import {
  ConversionError,
  optionalRow,
  pick,
  putMetadata,
  readCount,
  readText,
  type Row,
} from './value-readers.js';

const GROUP_FIELDS: readonly [string, string][] = [
  ['workspace_id', 'workspace_id'],
  ['workspace', 'workspace'],
  ['api_key_id', 'api_key_id'],
  ['api_key_name', 'api_key'],
  ['context_window', 'context_window'],
  ['inference_geo', 'inference_geo'],
  ['speed', 'speed'],
];

/** Converts one Anthropic usage page, bucket, or Console CSV row into aggregated records. */
export function convertAnthropicRow(row: SourceRow, options: ReadUsageFileOptions): ConvertedRow[] {
  return convertBuckets(row, options, convertResult);
}

interface AnthropicCounts {
  uncached: number;
  cacheRead: number;
  write5m: number;
  write1h: number;
  output: number;
}

function countsOf(result: Row): AnthropicCounts {
  const creation = optionalRow(result.cache_creation, 'cache_creation');
  return {
    uncached: readCount(result, 'uncached_input_tokens', 'usage_input_tokens_no_cache') ?? 0,
    cacheRead: readCount(result, 'cache_read_input_tokens', 'usage_input_tokens_cache_read') ?? 0,
    write5m:
      readCount(creation, 'ephemeral_5m_input_tokens') ??
      readCount(result, 'usage_input_tokens_cache_write_5m', 'usage_input_tokens_cache_write') ??
      0,
    write1h:
      readCount(creation, 'ephemeral_1h_input_tokens') ??
      readCount(result, 'usage_input_tokens_cache_write_1h') ??
      0,
    output: readCount(result, 'output_tokens', 'usage_output_tokens') ?? 0,
  };
}

function convertResult(line: number, result: Row, bucket: Row, options: ReadUsageFileOptions): ConvertedRow {
  const counts = countsOf(result);
  if (isEmptyUsage(Object.values(counts))) {
    return { line, skip: 'empty usage bucket' };
  }
  const start = bucketStart(bucket);
  const tier = readText(result, 'service_tier', 'usage_type');
  const requests = readCount(result, 'request_count', 'num_requests');
  const record = {
    event_id: aggregateEventId('anthropic-usage', result, bucket),
    timestamp: start,
    period_end: bucketEnd(bucket, start),
    request_count: requests === 0 ? undefined : requests,
    web_search_requests: webSearches(result),
    provider: 'anthropic',
    model: readText(result, 'model', 'model_version'),
    operation: 'chat',
    ...fromAnthropicCounts({ ...counts, uncachedInput: counts.uncached }),
    batch: tier === 'batch',
    metadata: metadataOf(result, tier, requests !== undefined),
  };
  return finishRecord(line, record, options);
}

function bucketStart(bucket: Row): string {
  const found = pick(bucket, 'starting_at', 'usage_date_utc');
  if (found === undefined) {
    throw new ConversionError('starting_at', 'is missing');
  }
  return toIsoTimestamp(found.value, found.key);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/**
 * `ending_at`. The Console CSV gives only `usage_date_utc`: a date (`2026-03-31`) in the daily
 * export, a date and hour (`2026-03-31 02:00`) in the hourly one; its row ends a day or an hour later.
 */
function bucketEnd(bucket: Row, start: string): string | undefined {
  const end = pick(bucket, 'ending_at');
  if (end !== undefined) {
    return toIsoTimestamp(end.value, end.key);
  }
  const date = pick(bucket, 'usage_date_utc');
  if (date === undefined) {
    return undefined;
  }
  const length = typeof date.value === 'string' && DATE_ONLY.test(date.value) ? DAY_MS : HOUR_MS;
  return new Date(Date.parse(start) + length).toISOString();
}

function webSearches(result: Row): number | undefined {
  const serverTools = optionalRow(result.server_tool_use, 'server_tool_use');
  return readCount(serverTools, 'web_search_requests') ?? readCount(result, 'web_search_count');
}

function metadataOf(
  result: Row,
  tier: string | undefined,
  requestsReported: boolean,
): Record<string, string> {
  const metadata: Record<string, string> = {};
  putMetadata(metadata, 'service_tier', tier);
  // API ids and Console display names (the Console CSV names keys and workspaces, not ids).
  for (const [target, source] of GROUP_FIELDS) {
    putMetadata(metadata, target, readText(result, source));
  }
  if (!requestsReported) {
    metadata.request_count_reported = 'false';
  }
  return metadata;
}
