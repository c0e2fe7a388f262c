/**
 * OpenAI organization usage export: the Usage API's completions buckets
 * (`GET /v1/organization/usage/completions`, JSON pages of `{start_time, end_time, results[]}`)
 * and the same rows flattened to CSV with the bucket times as columns.
 *
 * Facts used (OpenAI API reference, "Completions usage object"): `input_tokens` is the aggregated
 * input INCLUDING cached and cache-write tokens; `input_cached_tokens` is the cached subset;
 * `input_cache_write_tokens` / `input_cache_write_12h_tokens` are tokens written to the cache;
 * `num_model_requests` counts requests; `start_time`/`end_time` are Unix seconds; `model`,
 * `project_id`, `user_id`, `api_key_id`, `batch`, `service_tier` are set when grouped by them.
 * The report carries no reasoning, latency or status detail.
 *
 * Mapping decision: one result (a group of N requests in one bucket) becomes ONE aggregated record
 * with the group's token totals, `request_count = N` (`num_model_requests`; a group reporting
 * tokens but 0 requests counts as 1), `timestamp` = bucket start and `period_end` = bucket end.
 * Splitting it into N invented per-request records would fake a precision the export does not
 * have; the engine weights by request_count. Results with no requests and no tokens are skipped
 * (counted as `empty usage bucket`). Without `group_by=model` the API answers `model: null`; such a
 * row is refused with how to re-export, unless the caller names the model (CLI/upload option).
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord } from './converted-rows.js';
import { toIsoTimestamp } from './timestamps.js';
import { fromInclusiveCounts, type CanonicalTokens } from './token-conventions.js';
import { aggregateEventId, convertBuckets, isEmptyUsage } from './usage-buckets.js';
import {
  ConversionError,
  pick,
  putMetadata,
  readCount,
  readFlag,
  readText,
  type Row,
} from './value-readers.js';

/** Modality breakdowns kept in metadata: the canonical event has no place for them. */
const BREAKDOWN_FIELDS = [
  'input_uncached_tokens',
  'input_text_tokens',
  'input_audio_tokens',
  'input_image_tokens',
  'input_cached_text_tokens',
  'input_cached_audio_tokens',
  'input_cached_image_tokens',
  'output_text_tokens',
  'output_audio_tokens',
  'output_image_tokens',
] as const;

/** Grouping fields kept as attribution (names are present in the dashboard's CSV export). */
const GROUP_FIELDS = [
  'project_id',
  'project_name',
  'api_key_id',
  'api_key_name',
  'service_tier',
  'api_source',
];

/** Converts one OpenAI usage page, bucket or CSV row into aggregated records. */
export function convertOpenAiRow(row: SourceRow, options: ReadUsageFileOptions): ConvertedRow[] {
  return convertBuckets(row, options, convertResult);
}

/** Why a model-less row is refused: the usage API only names models when grouped by them. */
export const NO_MODEL_REASON =
  'is null: the OpenAI usage API names the model only when grouped by it; re-export with ' +
  '`group_by=model` (GET /v1/organization/usage/completions?group_by=model, or "Group by: model" in ' +
  "the dashboard export), or give the model (`--model`, or the upload's model option) when the " +
  'file holds a single model';

function convertResult(line: number, result: Row, bucket: Row, options: ReadUsageFileOptions): ConvertedRow {
  const requests = readCount(result, 'num_model_requests');
  const tokens = tokensOf(result);
  if (isEmptyUsage([requests, tokens.input_tokens, tokens.output_tokens])) {
    return { line, skip: 'empty usage bucket' };
  }
  const model = readText(result, 'model') ?? options.model;
  if (model === undefined) {
    return { line, error: { field: 'model', reason: NO_MODEL_REASON } };
  }
  const record = {
    event_id: aggregateEventId('openai-usage', result, bucket),
    timestamp: bucketTime(bucket, 'start_time'),
    period_end: bucketEnd(bucket),
    request_count: requests === undefined || requests === 0 ? undefined : requests,
    provider: 'openai',
    model,
    operation: 'chat',
    ...tokens,
    batch: readFlag(result, 'batch') ?? readText(result, 'service_tier') === 'batch',
    user_id: readText(result, 'user_id'),
    metadata: groupMetadata(result),
  };
  return finishRecord(line, record, options);
}

function tokensOf(result: Row): CanonicalTokens {
  return fromInclusiveCounts({
    input: readCount(result, 'input_tokens') ?? 0,
    output: readCount(result, 'output_tokens') ?? 0,
    cacheRead: readCount(result, 'input_cached_tokens') ?? 0,
    cacheWrite:
      (readCount(result, 'input_cache_write_tokens') ?? 0) +
      (readCount(result, 'input_cache_write_12h_tokens') ?? 0),
    reasoning: 0,
  });
}

/** A bucket time: Unix seconds in the API and CSV, or the ISO text some exports add beside it. */
function bucketTime(bucket: Row, field: 'start_time' | 'end_time'): string {
  const found = pick(bucket, `${field}_iso`, field);
  if (found === undefined) {
    throw new ConversionError(field, 'is missing');
  }
  return toIsoTimestamp(found.value, found.key, { epochUnit: 's' });
}

/** The bucket end, when the export gives it (the API and the dashboard CSV do). */
function bucketEnd(bucket: Row): string | undefined {
  return pick(bucket, 'end_time_iso', 'end_time') === undefined ? undefined : bucketTime(bucket, 'end_time');
}

function groupMetadata(result: Row): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const field of GROUP_FIELDS) {
    putMetadata(metadata, field, readText(result, field));
  }
  for (const field of BREAKDOWN_FIELDS) {
    putMetadata(metadata, field, readCount(result, field));
  }
  return metadata;
}
