import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from '#pricing/price-catalog.js';
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { fromAnthropicUsage } from './anthropic.js';
import { fromGeminiUsage } from './gemini.js';
import { fromOpenAIChatUsage, fromOpenAIResponsesUsage } from './openai.js';
import { fromOtelAttributes } from './otel.js';
import { UsageShapeError } from './usage-reader.js';

/**
 * One billed request: 12,000 input tokens of which 7,000 read from the cache and 3,000 written to
 * it, 900 output tokens of which 400 reasoning. Each producer reports it its own way.
 */
const BILLED: TokenUsage = {
  input_tokens: 12_000,
  output_tokens: 900,
  cache_read_tokens: 7_000,
  cache_write_tokens: 3_000,
  reasoning_tokens: 400,
};

const anthropic = {
  input_tokens: 2_000,
  cache_read_input_tokens: 7_000,
  cache_creation_input_tokens: 3_000,
  output_tokens: 900,
};
const openaiChat = {
  prompt_tokens: 12_000,
  completion_tokens: 900,
  total_tokens: 12_900,
  prompt_tokens_details: { cached_tokens: 7_000, cache_write_tokens: 3_000 },
  completion_tokens_details: { reasoning_tokens: 400 },
};
const openaiResponses = {
  input_tokens: 12_000,
  input_tokens_details: { cached_tokens: 7_000, cache_write_tokens: 3_000 },
  output_tokens: 900,
  output_tokens_details: { reasoning_tokens: 400 },
  total_tokens: 12_900,
};
const otel = {
  'gen_ai.usage.input_tokens': 12_000,
  'gen_ai.usage.output_tokens': 900,
  'gen_ai.usage.cache_read.input_tokens': 7_000,
  'gen_ai.usage.cache_creation.input_tokens': 3_000,
  'gen_ai.usage.reasoning.output_tokens': 400,
};

describe('token conventions', () => {
  it('converts each convention to the same canonical usage', () => {
    // Anthropic reports no reasoning count (thinking is inside output_tokens), so compare without it.
    expect(fromAnthropicUsage(anthropic)).toEqual({
      ...BILLED,
      reasoning_tokens: 0,
      cache_write_1h_tokens: 0,
      web_search_requests: 0,
    });
    expect(fromOpenAIChatUsage(openaiChat)).toEqual(BILLED);
    expect(fromOpenAIResponsesUsage(openaiResponses)).toEqual(BILLED);
    expect(fromOtelAttributes(otel)).toEqual(BILLED);
    expect(
      fromOtelAttributes({
        ...otel,
        'gen_ai.usage.cache_creation.input_tokens': undefined,
        'gen_ai.usage.cache_write.input_tokens': '3000',
      }),
    ).toEqual(BILLED);
  });

  it('costs exactly the same whichever convention reported the usage', () => {
    const catalog = createPriceCatalog();
    const reasoningFree = { ...BILLED, reasoning_tokens: 0 };
    const sources: [string, TokenUsage][] = [
      ['anthropic', fromAnthropicUsage(anthropic)],
      ['openai chat', fromOpenAIChatUsage({ ...openaiChat, completion_tokens_details: {} })],
      ['openai responses', fromOpenAIResponsesUsage({ ...openaiResponses, output_tokens_details: {} })],
      ['otel', fromOtelAttributes({ ...otel, 'gen_ai.usage.reasoning.output_tokens': 0 })],
      ['canonical', reasoningFree],
    ];
    for (const model of ['claude-sonnet-4-5', 'gpt-4.1', 'gemini-2.5-pro']) {
      const costs = sources.map(([, usage]) => catalog.price({ model, usage }).costUsd);
      expect(new Set(costs).size, model).toBe(1);
      expect(costs[0]).toBeGreaterThan(0);
    }
  });

  it('reads Gemini’s exclusive thoughts count and tool-use prompt tokens', () => {
    const gemini = {
      promptTokenCount: 11_000,
      cachedContentTokenCount: 7_000,
      toolUsePromptTokenCount: 1_000,
      candidatesTokenCount: 500,
      thoughtsTokenCount: 400,
      totalTokenCount: 12_900,
    };
    const usage = fromGeminiUsage(gemini);
    expect(usage).toEqual({ ...BILLED, cache_write_tokens: 0 });
    const catalog = createPriceCatalog();
    const viaOtel = fromOtelAttributes({ ...otel, 'gen_ai.usage.cache_creation.input_tokens': 0 });
    expect(catalog.price({ model: 'gemini-2.5-flash', usage }).costUsd).toBe(
      catalog.price({ model: 'gemini-2.5-flash', usage: viaOtel }).costUsd,
    );
  });

  it('splits Anthropic cache writes by lifetime and prices 1-hour writes at their own price', () => {
    const usage = fromAnthropicUsage({
      ...anthropic,
      cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 2_000 },
    });
    expect(usage).toMatchObject({ cache_write_tokens: 3_000, cache_write_1h_tokens: 2_000 });
    const catalog = createPriceCatalog();
    const parts = catalog.breakdown({ provider: 'anthropic', model: 'claude-haiku-4-5', usage }).breakdown;
    // $1.25/M for 5-minute writes, $2/M for 1-hour writes.
    expect(parts?.cacheWriteUsd).toBeCloseTo((1_000 * 1.25) / 1e6, 15);
    expect(parts?.cacheWrite1hUsd).toBeCloseTo((2_000 * 2) / 1e6, 15);
  });

  it('reads Anthropic’s server-side web searches and prices them per search', () => {
    const usage = fromAnthropicUsage({ ...anthropic, server_tool_use: { web_search_requests: 3 } });
    expect(usage.web_search_requests).toBe(3);
    const catalog = createPriceCatalog();
    const parts = catalog.breakdown({ provider: 'anthropic', model: 'claude-haiku-4-5', usage }).breakdown;
    // $10 per 1,000 searches.
    expect(parts?.webSearchUsd).toBeCloseTo(3 * 0.01, 15);
    const bad = { ...anthropic, server_tool_use: { web_search_requests: -1 } };
    expect(() => fromAnthropicUsage(bad)).toThrow(/server_tool_use.web_search_requests/);
  });

  it('adds cache counts for instrumentations that report input without them', () => {
    const exclusive = { ...otel, 'gen_ai.usage.input_tokens': 2_000 };
    expect(fromOtelAttributes(exclusive, { inputIncludesCache: false })).toEqual(BILLED);
    expect(() => fromOtelAttributes(exclusive)).toThrow(/inputIncludesCache: false/);
  });
});

describe('bad or inconsistent shapes', () => {
  it.each([
    [
      'anthropic without input_tokens',
      () => fromAnthropicUsage({ output_tokens: 3 }),
      /anthropic usage: input_tokens is required/,
    ],
    [
      'a negative count',
      () => fromOpenAIChatUsage({ prompt_tokens: -1, completion_tokens: 2 }),
      /prompt_tokens must be a whole number/,
    ],
    [
      'a fractional count',
      () => fromOpenAIResponsesUsage({ input_tokens: 1.5, output_tokens: 2 }),
      /whole number/,
    ],
    [
      'cached tokens above the prompt',
      () =>
        fromOpenAIChatUsage({
          prompt_tokens: 10,
          completion_tokens: 2,
          prompt_tokens_details: { cached_tokens: 11 },
        }),
      /must not exceed input_tokens.*OpenAI counts are inclusive/,
    ],
    [
      'reasoning above completion',
      () =>
        fromOpenAIChatUsage({
          prompt_tokens: 10,
          completion_tokens: 2,
          completion_tokens_details: { reasoning_tokens: 3 },
        }),
      /reasoning_tokens must not exceed output_tokens/,
    ],
    [
      'a cache_creation split that does not add up',
      () =>
        fromAnthropicUsage({
          ...anthropic,
          cache_creation: { ephemeral_5m_input_tokens: 1, ephemeral_1h_input_tokens: 1 },
        }),
      /cache_creation \(2\) must add up to cache_creation_input_tokens \(3000\)/,
    ],
    [
      'a whole Gemini response',
      () => fromGeminiUsage({ usageMetadata: {} }),
      /pass the response’s usageMetadata/,
    ],
    ['an array', () => fromOtelAttributes([]), /expected an object, got an array/],
    [
      'a span without usage',
      () => fromOtelAttributes({ 'gen_ai.request.model': 'gpt-4o' }),
      /gen_ai.usage.input_tokens is required/,
    ],
    [
      'a text count',
      () => fromOtelAttributes({ 'gen_ai.usage.input_tokens': 'many' }),
      /whole number of 0 or more \(got "many"\)/,
    ],
  ])('rejects %s', (_name, convert, message) => {
    expect(convert).toThrow(UsageShapeError);
    expect(convert).toThrow(message);
  });

  it('reports a 400 with the source and field', () => {
    try {
      fromOpenAIChatUsage({ prompt_tokens: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_usage_shape',
        details: { source: 'openai chat', field: 'completion_tokens' },
      });
    }
  });
});
