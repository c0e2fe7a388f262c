/**
 * The attribute families (semantic conventions, OpenInference, Vercel AI SDK), wrapper spans and
 * model calls without usage, on spans built by hand (the corpus test posts real exports).
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { Attributes, DecodedSpan } from './otlp-span.js';
import { convertSpans } from './otlp-traces.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const START = 1_749_117_600_000_000_000n;

function spanOf(spanId: string, attributes: Attributes, extra: Partial<DecodedSpan> = {}): DecodedSpan {
  return {
    traceId: TRACE,
    spanId,
    parentSpanId: undefined,
    name: spanId,
    startTimeUnixNano: START,
    endTimeUnixNano: START + 500_000_000n,
    attributes: Object.assign(Object.create(null) as Attributes, attributes),
    statusCode: 0,
    statusMessage: undefined,
    resource: {},
    scopeName: undefined,
    problem: undefined,
    ...extra,
  };
}

const CHAT: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.usage.input_tokens': 100,
  'gen_ai.usage.output_tokens': 10,
};

const only = (spans: DecodedSpan[]) => {
  const result = convertSpans(spans);
  return { result, record: result.records[0]?.record };
};

describe('semantic-convention spans', () => {
  it('read a negative max_tokens (OpenLIT: no limit set) as absent, and still refuse a non-number', () => {
    const { record } = only([spanOf('a', { ...CHAT, 'gen_ai.request.max_tokens': -1 })]);
    expect(record).toMatchObject({ model: 'gpt-4o', input_tokens: 100 });
    expect(record?.max_tokens).toBeUndefined();
    const refused = convertSpans([spanOf('b', { ...CHAT, 'gen_ai.request.max_tokens': 'lots' })]);
    expect(refused.rejected).toMatchObject([{ field: 'gen_ai.request.max_tokens' }]);
  });

  it('normalise the provider name', () => {
    const { record } = only([spanOf('a', { ...CHAT, 'gen_ai.provider.name': 'OpenAI' })]);
    expect(record?.provider).toBe('openai');
  });

  it('add Google ADK’s thinking tokens to the output it reports without them', () => {
    const { record } = only([
      spanOf('a', {
        'gen_ai.system': 'gcp.vertex.agent',
        'gen_ai.request.model': 'gemini-2.5-flash',
        'gen_ai.usage.input_tokens': 40,
        'gen_ai.usage.output_tokens': 30,
        'gen_ai.usage.experimental.reasoning_tokens': 12,
      }),
    ]);
    expect(record).toMatchObject({ provider: 'google', output_tokens: 42, reasoning_tokens: 12 });
  });
});

describe('spans with usage but neither a model nor a model-call operation', () => {
  it('are run totals (older Pydantic AI `agent run`): skipped as wrappers, not refused', () => {
    const run = spanOf('run', {
      agent_name: 'agent',
      'gen_ai.usage.input_tokens': 51,
      'gen_ai.usage.output_tokens': 4,
    });
    const { result } = only([run]);
    expect(result).toMatchObject({ records: [], rejected: [], wrappers: 1 });
  });
});

describe('OpenLLMetry workflow, task, agent and tool spans', () => {
  it('are not model calls, and wrappers when they repeat usage', () => {
    const { result } = only([
      spanOf('w', { 'traceloop.span.kind': 'agent', ...CHAT }),
      spanOf('t', { 'traceloop.span.kind': 'tool', 'gen_ai.tool.name': 'search' }),
    ]);
    expect(result).toMatchObject({ records: [], wrappers: 1, notModelCall: 1 });
  });
});

describe('model calls without usage', () => {
  it('are skipped and listed when they succeeded', () => {
    const { result } = only([spanOf('a', { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o' })]);
    expect(result.records).toEqual([]);
    expect(result.noUsage).toMatchObject([{ index: 0, spanId: 'a' }]);
  });

  it('are kept as unbilled failures when they failed', () => {
    const failed = spanOf(
      'a',
      { 'gen_ai.system': 'openai', 'gen_ai.request.model': 'gpt-4o' },
      { statusCode: 2 },
    );
    const { record } = only([failed]);
    expect(record).toMatchObject({ status: 'error', input_tokens: 0, output_tokens: 0 });
  });

  it('are refused when they do not even name a model', () => {
    const { result } = only([spanOf('a', { 'gen_ai.operation.name': 'chat' })]);
    expect(result.rejected).toMatchObject([{ field: 'gen_ai.request.model' }]);
  });
});

describe('OpenInference spans', () => {
  it('LLM: tokens, cache, reasoning, model and provider from llm.*', () => {
    const { record } = only([
      spanOf('a', {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        'llm.system': 'openai',
        'llm.token_count.prompt': 1000,
        'llm.token_count.completion': 200,
        'llm.token_count.prompt_details.cache_read': 300,
        'llm.token_count.prompt_details.cache_write': 100,
        'llm.token_count.completion_details.reasoning': 50,
      }),
    ]);
    expect(record).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      operation: 'chat',
      input_tokens: 1000,
      output_tokens: 200,
      cache_read_tokens: 300,
      cache_write_tokens: 100,
      reasoning_tokens: 50,
    });
  });

  it('EMBEDDING is a model call; a CHAIN with usage is a wrapper; a TOOL is neither', () => {
    const { result } = only([
      spanOf('e', {
        'openinference.span.kind': 'EMBEDDING',
        'embedding.model_name': 'x',
        'llm.model_name': 'text-embedding-3-small',
        'llm.token_count.prompt': 8,
      }),
      spanOf('c', { 'openinference.span.kind': 'CHAIN', 'llm.token_count.prompt': 8 }),
      spanOf('t', { 'openinference.span.kind': 'TOOL', 'tool.name': 'search' }),
    ]);
    expect(result.records.map((entry) => entry.record.operation)).toEqual(['embedding']);
    expect(result).toMatchObject({ wrappers: 1, notModelCall: 1 });
  });
});

describe('Vercel AI SDK spans', () => {
  const DO_GENERATE: Attributes = {
    'ai.operationId': 'ai.generateText.doGenerate',
    'ai.model.id': 'gpt-4o-mini',
    'ai.model.provider': 'openai.chat',
    'ai.usage.promptTokens': 14,
    'ai.usage.completionTokens': 20,
    'ai.settings.maxOutputTokens': 64,
    'ai.telemetry.functionId': 'summarise',
    'ai.response.msToFirstChunk': 250,
  };

  it('read the call from ai.* (AI SDK 4 names), the provider without its API suffix', () => {
    const { record } = only([spanOf('a', DO_GENERATE)]);
    expect(record).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      input_tokens: 14,
      output_tokens: 20,
      max_tokens: 64,
      feature: 'summarise',
      ttft_ms: 250,
    });
  });

  it('count an embedding call’s single count as input', () => {
    const { record } = only([
      spanOf('a', {
        'ai.operationId': 'ai.embed.doEmbed',
        'ai.model.id': 'text-embedding-3-small',
        'ai.model.provider': 'openai.embedding',
        'ai.usage.tokens': 10,
      }),
    ]);
    expect(record).toMatchObject({ operation: 'embedding', input_tokens: 10, output_tokens: 0 });
  });

  it('read NaN counts (AI SDK 4, provider without usage) as no usage: skipped, not refused', () => {
    const { result } = only([
      spanOf('a', {
        ...DO_GENERATE,
        'ai.usage.promptTokens': Number.NaN,
        'ai.usage.completionTokens': Number.NaN,
        'gen_ai.usage.input_tokens': Number.NaN,
      }),
    ]);
    expect(result).toMatchObject({ records: [], rejected: [], noUsage: [{ index: 0 }] });
  });

  it('skip ai.generateText (its usage repeats the doGenerate call) and ai.toolCall', () => {
    const { result } = only([
      spanOf('w', { ...DO_GENERATE, 'ai.operationId': 'ai.generateText' }),
      spanOf('t', { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'weather' }),
    ]);
    expect(result).toMatchObject({ records: [], wrappers: 1, notModelCall: 1 });
  });
});

describe('model calls that wrap other model calls in the same export', () => {
  it('are skipped, the innermost call counted', () => {
    const outer = spanOf('outer', CHAT);
    const middle = spanOf('middle', { 'gen_ai.operation.name': 'invoke_agent' }, { parentSpanId: 'outer' });
    const inner = spanOf('inner', CHAT, { parentSpanId: 'middle' });
    const { result } = only([inner, middle, outer]);
    expect(result.records.map((entry) => entry.index)).toEqual([0]);
    expect(result).toMatchObject({ wrappers: 1, notModelCall: 1 });
  });

  it('are kept when the call under them used no tokens (it failed)', () => {
    const failed = spanOf(
      'inner',
      { 'gen_ai.request.model': 'gpt-4o' },
      { parentSpanId: 'outer', statusCode: 2 },
    );
    const { result } = only([spanOf('outer', CHAT), failed]);
    expect(result.records.map((entry) => entry.index)).toEqual([0, 1]);
  });

  it('end the parent walk on a cycle of parent ids', () => {
    const a = spanOf('a', CHAT, { parentSpanId: 'b' });
    const b = spanOf('b', { 'gen_ai.operation.name': 'invoke_agent' }, { parentSpanId: 'a' });
    const { result } = only([a, b]);
    expect(result.records.map((entry) => entry.index)).toEqual([0]);
  });
});
