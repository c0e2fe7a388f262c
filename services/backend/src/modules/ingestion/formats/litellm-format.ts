/**
 * LiteLLM proxy spend logs: rows of the `LiteLLM_SpendLogs` table as exported (CSV from the
 * database or the UI, JSON from `/spend/logs`): one row per request.
 *
 * Facts used (LiteLLM `schema.prisma` and `SpendLogsPayload`/`SpendLogsMetadata` types):
 * `request_id`, `call_type`, `api_key` (a hash of the virtual key, never the key), `spend` (USD),
 * `prompt_tokens`, `completion_tokens`, `startTime`, `endTime`, `completionStartTime`, `model`,
 * `model_group` (the public alias), `custom_llm_provider`, `user`, `end_user`, `team_id`,
 * `session_id`, `request_tags` (JSON array), `cache_hit` (a proxy response-cache hit), `status`
 * (`success`/`failure`), and `metadata` (JSON; CSV writes it as text) holding `usage_object` — the
 * OpenAI-style usage LiteLLM normalises every provider to — plus `additional_usage_values`,
 * `error_information` and key/team aliases. LiteLLM's `prompt_tokens` follows OpenAI's inclusive
 * convention (its Anthropic adapter adds cache reads and creations into it); cache reads come as
 * `cache_read_input_tokens` or `prompt_tokens_details.cached_tokens`, writes as
 * `cache_creation_input_tokens`, reasoning as `completion_tokens_details.reasoning_tokens`.
 * Times are UTC (written without a zone by PostgreSQL exports).
 *
 * Also LiteLLM's `StandardLoggingPayload` (`litellm/types/utils.py`), what its S3, GCS, generic-API
 * and custom loggers write, one object per request: `id` (the call id), `trace_id`, `call_type`,
 * `response_cost` (USD), `status`, `custom_llm_provider`, `prompt_tokens`/`completion_tokens`/
 * `total_tokens`, `startTime`/`endTime`/`completionStartTime` as epoch-second floats (text in the
 * GCS Pub/Sub body), `model`, `model_id`, `model_group`, `api_base`, `metadata` (`user_api_key_*`
 * attribution, `usage_object`), `cache_hit`, `request_tags`, `end_user`, `stream`,
 * `model_parameters`, `hidden_params` (`litellm_model_name`, `usage_object`), `error_information`.
 * The stated cost (`spend` or `response_cost`) becomes `cost_usd`.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord, guarded } from './converted-rows.js';
import { millisBetween, toIsoTimestamp } from './timestamps.js';
import { fromInclusiveCounts, inclusiveInput, type CanonicalTokens } from './token-conventions.js';
import {
  asRow,
  ConversionError,
  optionalRow,
  ownValue,
  putMetadata,
  readCount,
  readJson,
  readNumber,
  readText,
  sourceEventId,
  textOf,
  unlessUnreadable,
  type Row,
} from './value-readers.js';

/** LiteLLM call types → canonical operations (async variants carry an `a` prefix). */
const OPERATIONS: Record<string, string> = {
  completion: 'chat',
  acompletion: 'chat',
  anthropic_messages: 'chat',
  aanthropic_messages: 'chat',
  text_completion: 'completion',
  atext_completion: 'completion',
  embedding: 'embedding',
  aembedding: 'embedding',
  responses: 'responses',
  aresponses: 'responses',
  image_generation: 'image_generation',
  aimage_generation: 'image_generation',
  transcription: 'transcription',
  atranscription: 'transcription',
  speech: 'speech',
  aspeech: 'speech',
  rerank: 'rerank',
  arerank: 'rerank',
};

/** Converts one spend-log row (one request). */
export function convertLiteLlmRow(row: SourceRow, options: ReadUsageFileOptions): ConvertedRow[] {
  return guarded(row.line, () => [finishRecord(row.line, toRecord(asRow(row.value)), options)]);
}

function toRecord(source: Row): Record<string, unknown> {
  const metadata = optionalRow(readJson(source, 'metadata'), 'metadata');
  const hidden = optionalRow(readJson(source, 'hidden_params'), 'hidden_params');
  const start = requiredTime(source, 'startTime', 'start_time');
  return {
    event_id: sourceEventId('litellm', requiredText(source, 'request_id', 'id')),
    timestamp: start,
    provider: readText(source, 'custom_llm_provider'),
    model:
      readText(source, 'model') ?? readText(hidden, 'litellm_model_name') ?? readText(source, 'model_group'),
    operation: operationOf(readText(source, 'call_type')),
    ...tokensOf(source, usageObjectOf(source, metadata, hidden)),
    ...timingOf(source, start),
    ...outcomeOf(source, metadata),
    ...parametersOf(source),
    cost_usd: readNumber(source, 'spend', 'response_cost'),
    user_id: readText(source, 'end_user', 'user') ?? readText(metadata, 'user_api_key_end_user_id'),
    session_id: readText(source, 'session_id'),
    tags: tagsOf(source),
    metadata: metadataOf(source, metadata),
  };
}

function timingOf(source: Row, start: string): Record<string, number | undefined> {
  const end = optionalTime(source, 'endTime', 'end_time');
  const firstToken = optionalTime(source, 'completionStartTime', 'completion_start_time');
  return {
    latency_ms: readNumber(source, 'request_duration_ms') ?? millisBetween(start, end),
    ttft_ms: millisBetween(start, firstToken),
  };
}

/** Newer rows carry `status`; older ones only `metadata.status`. */
function outcomeOf(source: Row, metadata: Row): Record<string, string | undefined> {
  const failed = [readText(source, 'status'), readText(metadata, 'status')].includes('failure');
  const info = optionalRow(readJson(source, 'error_information'), 'error_information');
  return failed ? { status: 'error', error_type: errorTypeOf(info, metadata) } : { status: 'success' };
}

/** The request's parameters, as the logging payload records them (`model_parameters`, `stream`). */
function parametersOf(source: Row): Record<string, unknown> {
  const parameters =
    unlessUnreadable(() => optionalRow(readJson(source, 'model_parameters'), 'model_parameters')) ?? {};
  return {
    max_tokens: unlessUnreadable(() =>
      readCount(parameters, 'max_tokens', 'max_completion_tokens', 'max_output_tokens'),
    ),
    temperature: unlessUnreadable(() => readNumber(parameters, 'temperature')),
    stream: looseFlag(source.stream) ?? looseFlag(parameters.stream),
  };
}

/** The OpenAI-style usage LiteLLM normalised the response to, wherever this row keeps it. */
function usageObjectOf(source: Row, metadata: Row, hidden: Row): Row {
  const response = readJson(source, 'response');
  const responseUsage =
    typeof response === 'object' && response !== null && !Array.isArray(response)
      ? (response as Row).usage
      : undefined;
  const usage = metadata.usage_object ?? hidden.usage_object ?? responseUsage;
  return { ...optionalRow(usage, 'usage_object'), additional: metadata.additional_usage_values };
}

function tokensOf(source: Row, usage: Row): CanonicalTokens {
  const extra = optionalRow(usage.additional, 'metadata.additional_usage_values');
  const promptDetails = optionalRow(usage.prompt_tokens_details, 'prompt_tokens_details');
  const completionDetails = optionalRow(usage.completion_tokens_details, 'completion_tokens_details');
  const cacheRead =
    readCount(usage, 'cache_read_input_tokens') ??
    readCount(promptDetails, 'cached_tokens') ??
    readCount(extra, 'cache_read_input_tokens') ??
    0;
  const cacheWrite =
    readCount(usage, 'cache_creation_input_tokens') ??
    readCount(promptDetails, 'cache_creation_tokens') ??
    readCount(extra, 'cache_creation_input_tokens') ??
    0;
  const prompt = readCount(source, 'prompt_tokens') ?? readCount(usage, 'prompt_tokens') ?? 0;
  return fromInclusiveCounts({
    input: inclusiveInput(prompt, cacheRead, cacheWrite),
    output: readCount(source, 'completion_tokens') ?? readCount(usage, 'completion_tokens') ?? 0,
    cacheRead,
    cacheWrite,
    reasoning: readCount(completionDetails, 'reasoning_tokens') ?? 0,
  });
}

function operationOf(callType: string | undefined): string | undefined {
  return callType === undefined ? undefined : (ownValue(OPERATIONS, callType) ?? callType);
}

function errorTypeOf(info: Row, metadata: Row): string {
  const nested = optionalRow(metadata.error_information, 'metadata.error_information');
  const type = readText(info, 'error_class', 'error_code') ?? readText(nested, 'error_class', 'error_code');
  return (type ?? 'error').slice(0, 128);
}

function tagsOf(source: Row): string[] | undefined {
  const tags = readJson(source, 'request_tags');
  return Array.isArray(tags) ? tags.slice(0, 64).map((tag) => textOf(tag, 'request_tags')) : undefined;
}

function metadataOf(source: Row, metadata: Row): Record<string, string> {
  const result: Record<string, string> = {};
  putMetadata(result, 'source', 'litellm');
  putMetadata(result, 'call_type', readText(source, 'call_type'));
  putMetadata(result, 'model_group', readText(source, 'model_group'));
  putMetadata(result, 'model_id', readText(source, 'model_id'));
  putMetadata(result, 'api_base', readText(source, 'api_base'));
  putMetadata(result, 'trace_id', readText(source, 'trace_id'));
  putMetadata(result, 'api_key_hash', readText(source, 'api_key') ?? readText(metadata, 'user_api_key_hash'));
  putMetadata(result, 'team_id', readText(source, 'team_id') ?? readText(metadata, 'user_api_key_team_id'));
  putMetadata(
    result,
    'organization_id',
    readText(source, 'organization_id') ?? readText(metadata, 'user_api_key_org_id'),
  );
  putMetadata(result, 'key_alias', readText(metadata, 'user_api_key_alias'));
  putMetadata(result, 'team_alias', readText(metadata, 'user_api_key_team_alias'));
  // A proxy cache hit never reached the provider: the analysis must not count it as provider spend.
  putMetadata(result, 'litellm_cache_hit', looseFlag(source.cache_hit) === true ? 'true' : undefined);
  return result;
}

/** A Python-written flag (`True`, `"False"`, `None`, empty): anything but a clear true or false is unknown. */
function looseFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function requiredText(source: Row, ...keys: string[]): string {
  const text = readText(source, ...keys);
  if (text === undefined) {
    throw new ConversionError(keys[0] ?? 'id', 'is missing');
  }
  return text;
}

function requiredTime(source: Row, ...keys: string[]): string {
  const time = optionalTime(source, ...keys);
  if (time === undefined) {
    throw new ConversionError(keys[0] ?? 'timestamp', 'is missing');
  }
  return time;
}

function optionalTime(source: Row, ...keys: string[]): string | undefined {
  const key = keys.find((candidate) => readText(source, candidate) !== undefined);
  // Spend logs write text; the logging payload writes `time.time()` floats (epoch seconds).
  return key === undefined ? undefined : toIsoTimestamp(source[key], key, { epochUnit: 'auto' });
}
