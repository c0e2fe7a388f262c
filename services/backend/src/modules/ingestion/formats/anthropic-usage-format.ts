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
 * Mapping decision: as for OpenAI, one result becomes one aggregated record at the bucket start.
 * The 5-minute/1-hour split of cache writes (priced differently) is kept in metadata, because the
 * canonical event has a single `cache_write_tokens`. Results with no tokens are skipped.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord } from './converted-rows.js';
import { toIsoTimestamp } from './timestamps.js';
import { fromAnthropicCounts } from './token-conventions.js';
import { convertBuckets, isEmptyUsage } from './usage-buckets.js';
import {
  ConversionError,
  hashedEventId,
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
  const record = {
    event_id: hashedEventId('anthropic-usage', groupKey(result, start)),
    timestamp: start,
    provider: 'anthropic',
    model: readText(result, 'model', 'model_version'),
    operation: 'chat',
    ...fromAnthropicCounts({
      uncachedInput: counts.uncached,
      cacheRead: counts.cacheRead,
      write5m: counts.write5m,
      write1h: counts.write1h,
      output: counts.output,
    }),
    batch: tier === 'batch',
    metadata: metadataOf(result, bucket, counts, tier),
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

function groupKey(result: Row, start: string): unknown[] {
  const fields = [
    ['model', 'model_version'],
    ['workspace_id', 'workspace'],
    ['api_key_id', 'api_key'],
    ['service_tier', 'usage_type'],
    ['context_window'],
    ['inference_geo'],
    ['speed'],
  ];
  return [start, ...fields.map((keys) => pick(result, ...keys)?.value ?? null)];
}

function metadataOf(
  result: Row,
  bucket: Row,
  counts: AnthropicCounts,
  tier: string | undefined,
): Record<string, string> {
  const metadata: Record<string, string> = {};
  putMetadata(metadata, 'bucket_start', bucketStart(bucket));
  const end = pick(bucket, 'ending_at');
  putMetadata(metadata, 'bucket_end', end === undefined ? undefined : toIsoTimestamp(end.value, end.key));
  putMetadata(metadata, 'service_tier', tier);
  // API ids and Console display names (the Console CSV names keys and workspaces, not ids).
  for (const [target, source] of GROUP_FIELDS) {
    putMetadata(metadata, target, readText(result, source));
  }
  putMetadata(metadata, 'cache_write_5m_tokens', counts.write5m);
  putMetadata(metadata, 'cache_write_1h_tokens', counts.write1h);
  const serverTools = optionalRow(result.server_tool_use, 'server_tool_use');
  const searches = readCount(serverTools, 'web_search_requests') ?? readCount(result, 'web_search_count');
  putMetadata(metadata, 'web_search_requests', searches);
  return metadata;
}
