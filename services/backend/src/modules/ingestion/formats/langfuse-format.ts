/**
 * Langfuse observation export (JSON, JSONL or CSV; the public API's observation fields, camelCase,
 * with the snake_case spellings of the ClickHouse tables also accepted). Only observations of type
 * GENERATION (and EMBEDDING) are model calls; spans, events, tools and the like are skipped and counted.
 * Days of the daily metrics API are handed to `langfuse-daily-metrics.ts`.
 *
 * Facts used (Langfuse docs, "Model Usage & Cost Tracking"; public API `ObservationsView`):
 * `usageDetails` maps arbitrary usage types to counts and the types are ADDITIVE — Langfuse sums all
 * of them into `total` when no total is sent, and its integrations subtract the detail types
 * (`input_cached_tokens`, `cache_read_input_tokens`, `output_reasoning_tokens`, ...) from the plain
 * `input`/`output`; types containing `input` count as input, `output` as output. `costDetails.total`
 * (or `calculatedTotalCost`) is USD. `level: ERROR` with `statusMessage` marks failures;
 * `completionStartTime` is the first token. Older exports carry `usage {input, output, total}`.
 *
 * Mapping: input = Σ input-like types (cache reads/writes included), output = Σ output-like and
 * reasoning types — unless the row's `total` shows the detail types were sent as subsets of
 * `input`/`output`, in which case those two are taken as inclusive. feature = promptName, else the
 * observation name; trace and observation ids go to metadata. The stated cost becomes `cost_usd`.
 *
 * Latency and time to first token come from the observation's own times whenever it has them:
 * the public API writes `latency` in seconds, while UI downloads and exports of some Langfuse
 * versions write milliseconds under the same name, so the times are the only reliable unit. Without
 * times, `latencyMs`/`timeToFirstTokenMs` are milliseconds and `latency`/`timeToFirstToken` seconds.
 *
 * The Vercel AI SDK traces a call twice: a wrapper span (`ai.generateText`, `ai.streamText`, …)
 * around one inner provider call per step (`ai.generateText.doGenerate`, `….doStream`), and
 * Langfuse versions that map both to GENERATION carry the same usage on each. Only the inner calls
 * are model calls; the wrapper is skipped and counted.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord, guarded } from './converted-rows.js';
import { convertDailyMetricsRow, isDailyMetricsRow } from './langfuse-daily-metrics.js';
import { langfuseTokens } from './langfuse-usage.js';
import { millisBetween, toIsoTimestamp } from './timestamps.js';
import {
  asRow,
  ConversionError,
  optionalRow,
  pick,
  putMetadata,
  readCount,
  readFlag,
  readJson,
  readNumber,
  readText,
  sourceEventId,
  unlessUnreadable,
  type Row,
} from './value-readers.js';

const MODEL_CALL_TYPES = new Set(['GENERATION', 'EMBEDDING']);
const MAX_CUSTOM_METADATA = 24;

/** A Vercel AI SDK wrapper span's name: the operation, maybe followed by the caller's function id. */
const AI_SDK_WRAPPER = /^ai\.(generateText|streamText|generateObject|streamObject|embed|embedMany)(\s|$)/;

/** Skip reason of AI SDK wrappers (their inner `do*` calls are the model calls). */
export const AI_SDK_WRAPPER_SKIP =
  'langfuse Vercel AI SDK wrapper observation (its inner model call is counted)';

/** Converts one observation; non-generation observations and AI SDK wrappers are skipped. */
export function convertLangfuseRow(row: SourceRow, options: ReadUsageFileOptions): ConvertedRow[] {
  return guarded(row.line, () => {
    const source = asRow(row.value);
    if (isDailyMetricsRow(source)) {
      return convertDailyMetricsRow(row, source, options);
    }
    const type = readText(source, 'type')?.toUpperCase();
    if (type !== undefined && !MODEL_CALL_TYPES.has(type)) {
      return [{ line: row.line, skip: `langfuse ${type.toLowerCase()} observation` }];
    }
    if (AI_SDK_WRAPPER.test(readText(source, 'name') ?? '')) {
      return [{ line: row.line, skip: AI_SDK_WRAPPER_SKIP }];
    }
    return [finishRecord(row.line, toRecord(source, type), options)];
  });
}

function toRecord(source: Row, type: string | undefined): Record<string, unknown> {
  const start = time(source, 'startTime', 'start_time');
  if (start === undefined) {
    throw new ConversionError('startTime', 'is missing');
  }
  return {
    event_id: sourceEventId('langfuse', requiredId(source)),
    timestamp: start,
    model: readText(source, 'model', 'providedModelName', 'provided_model_name'),
    operation: type === 'EMBEDDING' ? 'embedding' : 'chat',
    ...langfuseTokens(usageOf(source)),
    ...timingOf(source, start),
    ...outcomeOf(source),
    ...parametersOf(source),
    feature: readText(source, 'promptName', 'prompt_name', 'name'),
    environment: readText(source, 'environment'),
    user_id: readText(source, 'userId', 'user_id'),
    session_id: readText(source, 'sessionId', 'session_id'),
    metadata: metadataOf(source),
  };
}

/** From the times when present (their unit is certain), else the exported durations. */
function timingOf(source: Row, start: string): Record<string, number | undefined> {
  const end = time(source, 'endTime', 'end_time');
  const firstToken = time(source, 'completionStartTime', 'completion_start_time');
  return {
    latency_ms: millisBetween(start, end) ?? exportedMillis(source, 'latency'),
    ttft_ms: millisBetween(start, firstToken) ?? exportedMillis(source, 'timeToFirstToken'),
  };
}

function outcomeOf(source: Row): Record<string, unknown> {
  const failed = readText(source, 'level')?.toUpperCase() === 'ERROR';
  const message = readText(source, 'statusMessage', 'status_message') ?? 'error';
  return {
    status: failed ? 'error' : 'success',
    error_type: failed ? message.slice(0, 128) : undefined,
    cost_usd: costOf(source),
  };
}

/** Request parameters; Langfuse integrations often record their values as text, or `-1` for unset. */
function parametersOf(source: Row): Record<string, unknown> {
  const parameters = unlessUnreadable(() =>
    optionalRow(jsonOf(source, 'modelParameters', 'model_parameters'), 'modelParameters'),
  );
  if (parameters === undefined) {
    return {};
  }
  return {
    max_tokens: unlessUnreadable(() =>
      readCount(parameters, 'max_tokens', 'maxTokens', 'max_completion_tokens', 'max_output_tokens'),
    ),
    temperature: unlessUnreadable(() => readNumber(parameters, 'temperature')),
    stream: unlessUnreadable(() => readFlag(parameters, 'stream')),
  };
}

function requiredId(source: Row): string {
  const id = readText(source, 'id');
  if (id === undefined) {
    throw new ConversionError('id', 'is missing');
  }
  return id;
}

function time(source: Row, ...keys: string[]): string | undefined {
  const found = pick(source, ...keys);
  return found === undefined ? undefined : toIsoTimestamp(found.value, found.key);
}

function jsonOf(source: Row, ...keys: string[]): unknown {
  const found = pick(source, ...keys);
  return found === undefined ? undefined : readJson(source, found.key);
}

/** `usageDetails` (current) or `usage` (older exports), as embedded JSON or an object. */
function usageOf(source: Row): Row {
  const details = jsonOf(source, 'usageDetails', 'usage_details');
  if (details !== undefined) {
    return optionalRow(details, 'usageDetails');
  }
  return optionalRow(jsonOf(source, 'usage'), 'usage');
}

/** The stated cost (USD): the details' total, the older total fields, or the sum of the detail parts. */
function costOf(source: Row): number | undefined {
  const details = optionalRow(jsonOf(source, 'costDetails', 'cost_details'), 'costDetails');
  return (
    readNumber(details, 'total') ??
    readNumber(source, 'calculatedTotalCost', 'totalCost', 'total_cost') ??
    sumOfParts(details)
  );
}

function sumOfParts(details: Row): number | undefined {
  const parts = Object.keys(details).map((key) => readNumber(details, key) ?? 0);
  return parts.length === 0 ? undefined : parts.reduce((sum, part) => sum + part, 0);
}

/** A duration exported without the times: `<key>Ms` is milliseconds, the API's `<key>` seconds. */
function exportedMillis(source: Row, key: string): number | undefined {
  const millis = readNumber(source, `${key}Ms`);
  if (millis !== undefined) {
    return millis;
  }
  const seconds = readNumber(source, key);
  return seconds === undefined ? undefined : seconds * 1000;
}

function metadataOf(source: Row): Record<string, string> {
  const metadata: Record<string, string> = {};
  putMetadata(metadata, 'source', 'langfuse');
  putMetadata(metadata, 'trace_id', readText(source, 'traceId', 'trace_id'));
  putMetadata(metadata, 'observation_id', readText(source, 'id'));
  putMetadata(
    metadata,
    'parent_observation_id',
    readText(source, 'parentObservationId', 'parent_observation_id'),
  );
  putMetadata(metadata, 'observation_name', readText(source, 'name'));
  putMetadata(metadata, 'prompt_name', readText(source, 'promptName', 'prompt_name'));
  putMetadata(metadata, 'prompt_version', readText(source, 'promptVersion', 'prompt_version'));
  const custom = jsonOf(source, 'metadata');
  if (typeof custom === 'object' && custom !== null && !Array.isArray(custom)) {
    // The user's own metadata: scalar entries only, and a bounded number, so rows stay small.
    const entries = Object.entries(custom).filter(([, value]) => typeof value !== 'object');
    for (const [key, value] of entries.slice(0, MAX_CUSTOM_METADATA)) {
      if (!Object.hasOwn(metadata, key)) {
        putMetadata(metadata, key, value);
      }
    }
  }
  return metadata;
}
