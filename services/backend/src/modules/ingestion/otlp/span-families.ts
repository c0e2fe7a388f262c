/**
 * The attribute families GenAI instrumentations write, read as one view in the semantic
 * conventions' `gen_ai.*` names, and the role of the span (model call, wrapper, other).
 *
 * | family | model-call spans | usage | model, provider |
 * | --- | --- | --- | --- |
 * | semantic conventions (OpenLIT, OpenLLMetry, Pydantic AI, Google ADK, Agent Framework) | any `gen_ai.*` span but agent, tool, workflow, retrieval and memory operations and OpenLLMetry's `traceloop.span.kind` spans | `gen_ai.usage.*` | `gen_ai.request/response.model`, `gen_ai.provider.name`/`gen_ai.system` |
 * | OpenInference (`openinference.span.kind`) | kind `LLM`, `EMBEDDING` | `llm.token_count.prompt/completion`, `…prompt_details.cache_read/cache_write`, `…completion_details.reasoning` | `llm.model_name`; `llm.provider`, else `llm.system` |
 * | Vercel AI SDK (`ai.operationId`) | `ai.*.doGenerate`, `ai.*.doStream`, `ai.*.doEmbed` | `ai.usage.inputTokens`/`promptTokens`/`tokens`, `outputTokens`/`completionTokens`, `inputTokenDetails.*`, `cachedInputTokens`, `reasoningTokens` | `ai.model.id`, `ai.response.model`; `ai.model.provider` |
 *
 * A span of another kind that carries usage (an agent run, a Vercel `ai.generateText` call, an
 * OpenInference `AGENT`/`CHAIN`) is a wrapper: its usage is the sum of its model calls, which
 * are spans of their own, so it is never counted — even alone in an export, because children end
 * first and a batching exporter often sends the parent in a later request.
 *
 * Explicit `gen_ai.*` attributes always win over translated ones.
 * @module
 */
import { readText, type Row } from '#modules/ingestion/formats/value-readers.js';
import type { DecodedSpan } from './otlp-span.js';

/** What a span is, as far as usage goes. */
export type SpanRole = 'model_call' | 'wrapper' | 'not_model_call' | 'non_genai';

export interface GenAiView {
  role: SpanRole;
  /** The span's attributes with the family's keys also written under their `gen_ai.*` names. */
  attributes: Row;
}

/** GenAI operations that are not a model call; agent and workflow spans may repeat their children's usage. */
const NOT_MODEL_CALLS = new Set([
  'execute_tool',
  'create_agent',
  'invoke_agent',
  'invoke_workflow',
  'retrieval',
]);

/** Operations that are a model call by name (a span naming one is refused, not skipped, without a model). */
const MODEL_CALL_OPERATIONS = new Set(['chat', 'text_completion', 'generate_content', 'embeddings']);

export const INPUT_KEYS = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
export const OUTPUT_KEYS = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];

/** `gen_ai.*` name ← the family's names, first present wins. */
type Translation = readonly [string, readonly string[]][];

const OPENINFERENCE: Translation = [
  ['gen_ai.request.model', ['llm.model_name']],
  ['gen_ai.provider.name', ['llm.provider', 'llm.system']],
  ['gen_ai.usage.input_tokens', ['llm.token_count.prompt']],
  ['gen_ai.usage.output_tokens', ['llm.token_count.completion']],
  ['gen_ai.usage.cache_read.input_tokens', ['llm.token_count.prompt_details.cache_read']],
  ['gen_ai.usage.cache_creation.input_tokens', ['llm.token_count.prompt_details.cache_write']],
  ['gen_ai.usage.reasoning.output_tokens', ['llm.token_count.completion_details.reasoning']],
];

const VERCEL_AI: Translation = [
  ['gen_ai.request.model', ['ai.model.id']],
  ['gen_ai.response.model', ['ai.response.model']],
  ['gen_ai.system', ['ai.model.provider']],
  ['gen_ai.response.id', ['ai.response.id']],
  ['gen_ai.usage.input_tokens', ['ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens']],
  ['gen_ai.usage.output_tokens', ['ai.usage.outputTokens', 'ai.usage.completionTokens']],
  [
    'gen_ai.usage.cache_read.input_tokens',
    ['ai.usage.inputTokenDetails.cacheReadTokens', 'ai.usage.cachedInputTokens'],
  ],
  ['gen_ai.usage.cache_creation.input_tokens', ['ai.usage.inputTokenDetails.cacheWriteTokens']],
  [
    'gen_ai.usage.reasoning.output_tokens',
    ['ai.usage.outputTokenDetails.reasoningTokens', 'ai.usage.reasoningTokens'],
  ],
  ['gen_ai.request.max_tokens', ['ai.settings.maxOutputTokens', 'ai.settings.maxTokens']],
  ['gen_ai.request.temperature', ['ai.settings.temperature']],
  ['gen_ai.prompt.name', ['ai.telemetry.functionId']],
];

/** Spellings of the reasoning count some semantic-convention instrumentations use. */
const SEMCONV_EXTRAS: Translation = [
  [
    'gen_ai.usage.reasoning.output_tokens',
    ['gen_ai.usage.details.reasoning_tokens', 'gen_ai.usage.experimental.reasoning_tokens'],
  ],
];

/** Reads a span's attributes as one `gen_ai.*` view and says what the span is. */
export function genAiView(span: DecodedSpan): GenAiView {
  const source = span.attributes as Row;
  const kind = readText(source, 'openinference.span.kind')?.toUpperCase();
  if (kind !== undefined) {
    return openInferenceView(source, kind);
  }
  const operationId = readText(source, 'ai.operationId');
  if (operationId !== undefined) {
    return vercelView(source, operationId);
  }
  if (!Object.keys(source).some((key) => key.startsWith('gen_ai.'))) {
    return { role: 'non_genai', attributes: source };
  }
  return semconvView(source);
}

/** Whether the view carries any token count. */
export function hasUsage(attributes: Row): boolean {
  return [...INPUT_KEYS, ...OUTPUT_KEYS].some(
    (key) => attributes[key] !== undefined && attributes[key] !== null,
  );
}

function openInferenceView(source: Row, kind: string): GenAiView {
  const attributes = translated(source, OPENINFERENCE);
  if (kind === 'LLM' || kind === 'EMBEDDING') {
    attributes['gen_ai.operation.name'] ??= kind === 'LLM' ? 'chat' : 'embeddings';
    return { role: 'model_call', attributes };
  }
  return { role: otherRole(attributes), attributes };
}

/** `ai.generateText.doGenerate`, `ai.streamText.doStream`, `ai.embed.doEmbed`, … are the provider calls. */
function vercelView(source: Row, operationId: string): GenAiView {
  const attributes = translated(source, VERCEL_AI);
  const call = /\.do(Generate|Stream|Embed)$/.exec(operationId)?.[1];
  if (call === undefined) {
    return { role: otherRole(attributes), attributes };
  }
  attributes['gen_ai.operation.name'] ??= call === 'Embed' ? 'embeddings' : 'chat';
  if (call === 'Embed') {
    // Embedding calls report one count, `ai.usage.tokens`: input only.
    attributes['gen_ai.usage.output_tokens'] ??= 0;
  }
  if (call === 'Stream') {
    attributes['gen_ai.request.stream'] ??= true;
  }
  const firstChunkMs = source['ai.response.msToFirstChunk'];
  if (typeof firstChunkMs === 'number' && attributes['gen_ai.response.time_to_first_chunk'] === undefined) {
    attributes['gen_ai.response.time_to_first_chunk'] = firstChunkMs / 1000;
  }
  const finishReason = source['ai.response.finishReason'];
  if (typeof finishReason === 'string') {
    attributes['gen_ai.response.finish_reasons'] ??= [finishReason];
  }
  return { role: 'model_call', attributes };
}

function semconvView(source: Row): GenAiView {
  const attributes = translated(source, SEMCONV_EXTRAS);
  addAdkThoughts(source, attributes);
  const operation = readText(attributes, 'gen_ai.operation.name');
  // OpenLLMetry marks its workflow, task, agent and tool spans with `traceloop.span.kind`; model calls have none.
  const notCall =
    readText(source, 'traceloop.span.kind') !== undefined ||
    (operation !== undefined &&
      (NOT_MODEL_CALLS.has(operation) ||
        operation.endsWith('_memory') ||
        operation.endsWith('_memory_store')));
  return {
    role: notCall || isUnnamedAggregate(attributes, operation) ? otherRole(attributes) : 'model_call',
    attributes,
  };
}

/**
 * A span with usage but no model and no model-call operation is a run's total, not a call: older
 * Pydantic AI `agent run` spans, for one, carry only `gen_ai.usage.*` next to their own attributes.
 * A span naming a model-call operation without a model is still refused (a call that lost its model).
 */
function isUnnamedAggregate(attributes: Row, operation: string | undefined): boolean {
  const callOperation = operation !== undefined && MODEL_CALL_OPERATIONS.has(operation);
  const model = readText(attributes, 'gen_ai.response.model', 'gen_ai.request.model');
  return !callOperation && model === undefined && hasUsage(attributes);
}

/**
 * Google ADK writes Gemini's `candidates_token_count` as `gen_ai.usage.output_tokens` and the
 * thinking tokens apart, as `gen_ai.usage.experimental.reasoning_tokens`; Gemini bills both as
 * output, and the canonical output count includes reasoning.
 */
function addAdkThoughts(source: Row, attributes: Row): void {
  const thoughts = source['gen_ai.usage.experimental.reasoning_tokens'];
  const output = source['gen_ai.usage.output_tokens'];
  if (typeof thoughts === 'number' && typeof output === 'number' && thoughts >= 0 && output >= 0) {
    attributes['gen_ai.usage.output_tokens'] = output + thoughts;
  }
}

function otherRole(attributes: Row): SpanRole {
  return hasUsage(attributes) ? 'wrapper' : 'not_model_call';
}

/** Where the families write token counts. */
const COUNT_PREFIXES = ['gen_ai.usage.', 'ai.usage.', 'llm.token_count.'];

/**
 * A prototype-less copy of `source` with each translated key set where the span has no own value.
 * A count that is NaN (the AI SDK 4 wrote NaN when the provider returned no usage) is no count.
 */
function translated(source: Row, translation: Translation): Row {
  const attributes = Object.create(null) as Row;
  for (const [key, value] of Object.entries(source)) {
    if (!(Number.isNaN(value) && COUNT_PREFIXES.some((prefix) => key.startsWith(prefix)))) {
      attributes[key] = value;
    }
  }
  for (const [target, from] of translation) {
    if (attributes[target] !== undefined && attributes[target] !== null) {
      continue;
    }
    const key = from.find((name) => attributes[name] !== undefined && attributes[name] !== null);
    if (key !== undefined) {
      attributes[target] = attributes[key];
    }
  }
  return attributes;
}
