/**
 * OpenTelemetry GenAI spans → canonical usage records (semantic conventions `gen_ai.*`, registry
 * `model/gen-ai/registry.yaml`). Mapping:
 *
 * | canonical | span |
 * | --- | --- |
 * | event_id | `otel:<traceId>:<spanId>` (deterministic: a re-sent span is the same event) |
 * | timestamp, latency_ms | span start; end − start |
 * | ttft_ms, stream | `gen_ai.response.time_to_first_chunk` (s); `gen_ai.request.stream` / `llm.is_streaming`, else true when a first chunk was timed |
 * | provider | `gen_ai.provider.name`, else the older `gen_ai.system` (normalised by `normaliseProvider`: `aws.bedrock` → bedrock, …) |
 * | model | `gen_ai.response.model` (the dated model actually served), else `gen_ai.request.model` |
 * | operation | `gen_ai.operation.name` (chat, text_completion → completion, embeddings → embedding, …) |
 * | input/output tokens | `gen_ai.usage.input_tokens` / `output_tokens` (older `prompt_tokens` / `completion_tokens`) |
 * | cache_read/write | `gen_ai.usage.cache_read.input_tokens`; `cache_creation.input_tokens` (or `cache_write.`, older `_input_tokens` forms) |
 * | reasoning_tokens | `gen_ai.usage.reasoning.output_tokens` |
 * | max_tokens, temperature | `gen_ai.request.max_tokens` (negative, OpenLIT's "unset", read as absent), `gen_ai.request.temperature` |
 * | status, error_type | span status ERROR or an `error.type` attribute; `error.type`, else the status message |
 * | app, environment | resource `service.name`; `deployment.environment.name` (or the older `deployment.environment`) |
 * | session_id, user_id, feature | `gen_ai.conversation.id`; `user.id`/`enduser.id`; `gen_ai.prompt.name`, else `gen_ai.agent.name` |
 * | metadata | trace/span/parent ids, span name, finish reasons, response id, request model, raw provider, server address, service version, scope |
 *
 * Spans are first read through `genAiView`, which writes the OpenInference and Vercel AI SDK
 * attribute families under these names and tells model calls from wrappers and other spans.
 *
 * Tokens: the conventions say `gen_ai.usage.input_tokens` SHOULD include all input tokens, cached
 * ones included, and that cache read/creation counts SHOULD be included in it — the canonical
 * convention, so no conversion (`fromOtelAttributes` of `@netra/optimizer`); see `fromOtelUsage`
 * for instrumentations that still send Anthropic's exclusive count.
 * @module
 */
import type { CanonicalRecord, RowError } from '#modules/ingestion/formats/file-format.types.js';
import { withoutEmpty } from '#modules/ingestion/formats/converted-rows.js';
import { fromOtelUsage, type CanonicalTokens } from '#modules/ingestion/formats/token-conventions.js';
import {
  ConversionError,
  ownValue,
  putMetadata,
  readCount,
  readFlag,
  readNumber,
  readText,
  type Row,
} from '#modules/ingestion/formats/value-readers.js';
import type { DecodedSpan } from './otlp-span.js';
import { normaliseProvider } from './provider-names.js';
import { genAiView, hasUsage, INPUT_KEYS } from './span-families.js';

/** Why a span gave no record without being wrong. */
export type SpanSkip = 'non_genai' | 'not_model_call' | 'wrapper' | 'no_usage';

/** What became of one span. */
export type SpanOutcome = { record: CanonicalRecord } | { skip: SpanSkip } | { error: RowError };

const OPERATIONS: Record<string, string> = {
  chat: 'chat',
  generate_content: 'chat',
  text_completion: 'completion',
  embeddings: 'embedding',
};

/**
 * Maps one span: a record for a GenAI model call, a skip for anything else, or the reason it failed.
 * A successful model call without any token count is skipped as `no_usage` rather than stored as a
 * free call; a failed one is kept (an unbilled failure, which the error analysis needs).
 */
export function mapGenAiSpan(span: DecodedSpan): SpanOutcome {
  const view = genAiView(span);
  if (view.role !== 'model_call') {
    return { skip: view.role };
  }
  if (span.problem !== undefined) {
    return { error: span.problem };
  }
  const attributes = view.attributes;
  if (isUsageless(span, attributes)) {
    return { skip: 'no_usage' };
  }
  const operation = readText(attributes, 'gen_ai.operation.name');
  try {
    return { record: withoutEmpty(toRecord(span, attributes, operation)) };
  } catch (error) {
    if (error instanceof ConversionError) {
      return { error: { field: error.field, reason: error.message } };
    }
    throw error;
  }
}

/** A successful call naming its model but no token count (a call without a model is refused instead). */
function isUsageless(span: DecodedSpan, attributes: Row): boolean {
  return (
    !hasUsage(attributes) &&
    outcomeOf(span, attributes).status !== 'error' &&
    readText(attributes, 'gen_ai.response.model', 'gen_ai.request.model') !== undefined
  );
}

function toRecord(span: DecodedSpan, attributes: Row, operation: string | undefined): CanonicalRecord {
  const model = readText(attributes, 'gen_ai.response.model', 'gen_ai.request.model');
  if (model === undefined) {
    throw new ConversionError('gen_ai.request.model', 'is missing on a GenAI model-call span');
  }
  return {
    event_id: `otel:${span.traceId}:${span.spanId}`,
    timestamp: new Date(nanosToMillis(span.startTimeUnixNano)).toISOString(),
    provider: providerOf(attributes),
    model,
    operation: operation === undefined ? undefined : (ownValue(OPERATIONS, operation) ?? operation),
    ...tokensOf(attributes),
    ...timingOf(span, attributes),
    ...outcomeOf(span, attributes),
    max_tokens: maxTokensOf(attributes),
    temperature: readNumber(attributes, 'gen_ai.request.temperature'),
    ...attributionOf(span, attributes),
    metadata: metadataOf(span, attributes, model),
  };
}

/** Only streamed responses have a first chunk, so a timed first chunk also says the call streamed. */
function timingOf(span: DecodedSpan, attributes: Row): Partial<CanonicalRecord> {
  const ttftSeconds = readNumber(attributes, 'gen_ai.response.time_to_first_chunk');
  const streamFlag = readFlag(attributes, 'gen_ai.request.stream', 'llm.is_streaming');
  return {
    latency_ms: latencyOf(span),
    ttft_ms: ttftSeconds === undefined ? undefined : ttftSeconds * 1000,
    stream: streamFlag ?? (ttftSeconds === undefined ? undefined : true),
  };
}

/** Semantic conventions set `error.type` only when the operation failed, even if the status was left unset. */
function outcomeOf(span: DecodedSpan, attributes: Row): Partial<CanonicalRecord> {
  const errorType = readText(attributes, 'error.type');
  if (span.statusCode !== 2 && errorType === undefined) {
    return { status: 'success' };
  }
  return { status: 'error', error_type: (errorType ?? span.statusMessage ?? 'error').slice(0, 128) };
}

function tokensOf(attributes: Row): CanonicalTokens {
  return fromOtelUsage(attributes, {
    input: readCount(attributes, ...INPUT_KEYS),
    cacheRead:
      readCount(attributes, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens') ??
      0,
    cacheWrite:
      readCount(
        attributes,
        'gen_ai.usage.cache_write.input_tokens',
        'gen_ai.usage.cache_creation.input_tokens',
        'gen_ai.usage.cache_creation_input_tokens',
      ) ?? 0,
  });
}

function providerOf(attributes: Row): string | undefined {
  const raw = readText(attributes, 'gen_ai.provider.name', 'gen_ai.system');
  return raw === undefined ? undefined : normaliseProvider(raw);
}

/** OpenLIT writes -1 when the request set no limit: a negative limit is no limit, not an error. */
function maxTokensOf(attributes: Row): number | undefined {
  const value = readNumber(attributes, 'gen_ai.request.max_tokens');
  return value !== undefined && value < 0 ? undefined : readCount(attributes, 'gen_ai.request.max_tokens');
}

function nanosToMillis(nanos: bigint): number {
  return Number(nanos / 1_000_000n);
}

function latencyOf(span: DecodedSpan): number | undefined {
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  return span.endTimeUnixNano === 0n || duration < 0n ? undefined : Number(duration) / 1e6;
}

function attributionOf(span: DecodedSpan, attributes: Row): Partial<CanonicalRecord> {
  const resource = span.resource as Row;
  return {
    app: readText(resource, 'service.name'),
    environment: readText(resource, 'deployment.environment.name', 'deployment.environment'),
    session_id: readText(attributes, 'gen_ai.conversation.id', 'session.id'),
    user_id: readText(attributes, 'user.id', 'enduser.id'),
    feature: readText(attributes, 'gen_ai.prompt.name', 'gen_ai.agent.name'),
  };
}

function metadataOf(span: DecodedSpan, attributes: Row, model: string): Record<string, string> {
  const metadata: Record<string, string> = {};
  putMetadata(metadata, 'source', 'otlp');
  putMetadata(metadata, 'trace_id', span.traceId);
  putMetadata(metadata, 'span_id', span.spanId);
  putMetadata(metadata, 'parent_span_id', span.parentSpanId);
  putMetadata(metadata, 'span_name', span.name);
  putMetadata(metadata, 'scope', span.scopeName);
  putMetadata(metadata, 'finish_reasons', attributes['gen_ai.response.finish_reasons']);
  putMetadata(metadata, 'response_id', readText(attributes, 'gen_ai.response.id'));
  const requested = readText(attributes, 'gen_ai.request.model');
  putMetadata(metadata, 'request_model', requested === model ? undefined : requested);
  putMetadata(metadata, 'otel_provider', readText(attributes, 'gen_ai.provider.name', 'gen_ai.system'));
  putMetadata(metadata, 'server_address', readText(attributes, 'server.address'));
  putMetadata(metadata, 'agent_name', readText(attributes, 'gen_ai.agent.name'));
  putMetadata(metadata, 'service_version', readText(span.resource, 'service.version'));
  return metadata;
}
