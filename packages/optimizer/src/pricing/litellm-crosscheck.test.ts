/**
 * Cross-check against LiteLLM's independently maintained catalog (datasets/prices, snapshot
 * 2026-07-24, see datasets/prices/README.md): list prices of major models should agree, and where
 * LiteLLM has batch prices they should equal our batch rule. Disagreements found are listed here,
 * each with the likely reason, so a new one fails the test and gets looked at.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from './price-catalog.js';
import type { TokenUsage } from './pricing-contract.js';

interface LiteLlmEntry {
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  cache_creation_input_token_cost_above_1hr?: number;
  search_context_cost_per_query?: { search_context_size_medium?: number };
  input_cost_per_token_batches?: number;
  output_cost_per_token_batches?: number;
}

const file = join(
  import.meta.dirname,
  '../../../../datasets/prices/litellm_model_prices_and_context_window.json',
);
const litellm = JSON.parse(readFileSync(file, 'utf8')) as Record<string, LiteLlmEntry>;
// Noon UTC on the snapshot day: outside DeepSeek's off-peak window, after every dated change it lists.
const catalog = createPriceCatalog({ now: () => Date.parse('2026-07-24T12:00:00Z') });

/** [LiteLLM key, our provider, our model]. */
const SAMPLE: readonly [string, string, string][] = [
  ['gpt-4o', 'openai', 'gpt-4o'],
  ['gpt-4o-mini', 'openai', 'gpt-4o-mini'],
  ['gpt-4.1', 'openai', 'gpt-4.1'],
  ['gpt-4.1-mini', 'openai', 'gpt-4.1-mini'],
  ['gpt-4.1-nano', 'openai', 'gpt-4.1-nano'],
  ['gpt-5', 'openai', 'gpt-5'],
  ['gpt-5-mini', 'openai', 'gpt-5-mini'],
  ['o1', 'openai', 'o1'],
  ['o3', 'openai', 'o3'],
  ['o4-mini', 'openai', 'o4-mini'],
  ['gpt-4', 'openai', 'gpt-4'],
  ['gpt-4-turbo', 'openai', 'gpt-4-turbo'],
  ['gpt-3.5-turbo', 'openai', 'gpt-3.5-turbo'],
  ['claude-3-haiku-20240307', 'anthropic', 'claude-3-haiku-20240307'],
  ['claude-3-7-sonnet-20250219', 'anthropic', 'claude-3-7-sonnet-20250219'],
  ['claude-sonnet-4-20250514', 'anthropic', 'claude-sonnet-4-20250514'],
  ['claude-opus-4-1-20250805', 'anthropic', 'claude-opus-4-1-20250805'],
  ['claude-haiku-4-5', 'anthropic', 'claude-haiku-4-5'],
  ['claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5'],
  ['claude-opus-4-6', 'anthropic', 'claude-opus-4-6'],
  ['gemini/gemini-2.5-pro', 'google', 'gemini-2.5-pro'],
  ['gemini/gemini-2.5-flash', 'google', 'gemini-2.5-flash'],
  ['gemini/gemini-2.5-flash-lite', 'google', 'gemini-2.5-flash-lite'],
  ['gemini/gemini-2.0-flash', 'google', 'gemini-2.0-flash'],
  ['xai/grok-3', 'x-ai', 'grok-3'],
  ['xai/grok-3-mini', 'x-ai', 'grok-3-mini'],
  ['groq/llama-3.3-70b-versatile', 'groq', 'llama-3.3-70b-versatile'],
  ['groq/llama-3.1-8b-instant', 'groq', 'llama-3.1-8b-instant'],
  ['azure/gpt-4o', 'azure', 'gpt-4o'],
  ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
  ['amazon.nova-pro-v1:0', 'bedrock', 'amazon.nova-pro-v1:0'],
  ['mistral/mistral-large-latest', 'mistral', 'mistral-large-latest'],
  ['mistral/mistral-small-latest', 'mistral', 'mistral-small-latest'],
  ['mistral/codestral-latest', 'mistral', 'codestral-latest'],
  ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat'],
  ['azure/gpt-4o-mini', 'azure', 'gpt-4o-mini'],
  ['meta.llama3-1-70b-instruct-v1:0', 'bedrock', 'meta.llama3-1-70b-instruct-v1:0'],
];

/** Disagreements found (input/output, USD per million): which catalog is stale is noted. */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  // genai-prices resolves `-latest` to Mistral Large 2 (2/6); LiteLLM to Large 3 (0.5/1.5).
  'mistral/mistral-large-latest': 'input 0.5 vs 2, output 1.5 vs 6',
  // Mistral Small 3.2 list price 0.1/0.3 (genai-prices) vs 0.06/0.18 (LiteLLM).
  'mistral/mistral-small-latest': 'input 0.06 vs 0.1, output 0.18 vs 0.3',
  // LiteLLM still lists the 2024 Codestral price; Codestral 25.01 is 0.3/0.9.
  'mistral/codestral-latest': 'input 1 vs 0.3, output 3 vs 0.9',
  // LiteLLM carries DeepSeek V3.2's flat price; genai-prices an older list price.
  'deepseek/deepseek-chat': 'input 0.28 vs 0.27, output 0.42 vs 1.1, cacheRead 0.028 vs 0.07',
  // LiteLLM prices Azure regional deployments (+10%); genai-prices Global Standard.
  'azure/gpt-4o-mini': 'input 0.165 vs 0.15, output 0.66 vs 0.6',
  // AWS cut Llama 3.1 70B to 0.72; LiteLLM keeps 0.99.
  'meta.llama3-1-70b-instruct-v1:0': 'input 0.99 vs 0.72, output 0.99 vs 0.72',
};

const perMillion = (perToken: number | undefined) =>
  perToken === undefined ? undefined : Math.round(perToken * 1e6 * 1e6) / 1e6;

function disagreement(key: string, provider: string, model: string): string | undefined {
  const theirs = litellm[key];
  const ours = catalog.resolve(model, provider);
  if (theirs === undefined || ours === null) {
    return `missing: litellm ${String(theirs !== undefined)}, ours ${String(ours !== null)}`;
  }
  const pairs: [string, number | undefined, number | null][] = [
    ['input', perMillion(theirs.input_cost_per_token), ours.prices.input],
    ['output', perMillion(theirs.output_cost_per_token), ours.prices.output],
    ['cacheRead', perMillion(theirs.cache_read_input_token_cost), ours.prices.cacheRead],
  ];
  const differing = pairs.filter(([, a, b]) => a !== undefined && b !== null && Math.abs(a - b) > 1e-9);
  return differing.length === 0 ? undefined : differing.map(([n, a, b]) => `${n} ${a} vs ${b}`).join(', ');
}

describe('cross-check with LiteLLM list prices', () => {
  it('agrees on the major models except the disagreements reported above', () => {
    const found: Record<string, string> = {};
    for (const [key, provider, model] of SAMPLE) {
      const problem = disagreement(key, provider, model);
      if (problem !== undefined) {
        found[key] = problem;
      }
    }
    expect(found).toEqual(KNOWN_DISAGREEMENTS);
    expect(SAMPLE.length - Object.keys(found).length).toBeGreaterThanOrEqual(30);
  });

  it('matches LiteLLM batch prices with the 50% batch rule wherever LiteLLM lists them', () => {
    const usage: TokenUsage = {
      input_tokens: 1_000_000,
      output_tokens: 1_000_000,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
    };
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano']) {
      const entry = litellm[model];
      const expected =
        ((entry?.input_cost_per_token_batches ?? Number.NaN) +
          (entry?.output_cost_per_token_batches ?? Number.NaN)) *
        1e6;
      const ours = catalog.price({ provider: 'openai', model, usage, batch: true }).costUsd;
      expect(ours).toBeCloseTo(expected, 9);
    }
  });
});

/** Claude entries: [LiteLLM key, our provider, our model]; several of our 1-hour prices are derived. */
const CLAUDE_SAMPLE: readonly [string, string, string][] = [
  ['claude-sonnet-4-20250514', 'anthropic', 'claude-sonnet-4-20250514'],
  ['claude-opus-4-6', 'anthropic', 'claude-opus-4-6'],
  ['claude-haiku-4-5', 'anthropic', 'claude-haiku-4-5'],
  ['claude-3-haiku-20240307', 'anthropic', 'claude-3-haiku-20240307'],
  ['claude-3-opus-20240229', 'anthropic', 'claude-3-opus-20240229'],
  ['vertex_ai/claude-sonnet-4-6', 'google', 'claude-sonnet-4-6'],
  ['vertex_ai/claude-opus-4-7', 'google', 'claude-opus-4-7'],
  [
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'aws',
    'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
  ],
  ['us.anthropic.claude-sonnet-4-6', 'aws', 'us.anthropic.claude-sonnet-4-6'],
  ['eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'aws', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0'],
  ['us.anthropic.claude-opus-4-7', 'aws', 'us.anthropic.claude-opus-4-7'],
];

/** 1-hour write and web search disagreements (USD per million tokens, per 1,000 searches). */
const KNOWN_TOOL_DISAGREEMENTS: Record<string, string> = {
  // LiteLLM gives both Claude 3 models Sonnet's $6/M; Anthropic documents 2x input ($0.50, $30).
  'claude-3-haiku-20240307': 'cacheWrite1h 6 vs 0.5',
  'claude-3-opus-20240229': 'cacheWrite1h 6 vs 30',
  // LiteLLM prices Claude searches on Bedrock; Bedrock runs no server-side web search for Claude.
  'global.anthropic.claude-sonnet-4-5-20250929-v1:0': 'webSearchPerThousand 10 vs none',
  'us.anthropic.claude-sonnet-4-6': 'webSearchPerThousand 10 vs none',
  'us.anthropic.claude-opus-4-7': 'webSearchPerThousand 10 vs none',
};

function toolDisagreement(key: string, provider: string, model: string): string | undefined {
  const theirs = litellm[key];
  const ours = catalog.resolve(model, provider);
  if (theirs === undefined || ours === null) {
    return `missing: litellm ${String(theirs !== undefined)}, ours ${String(ours !== null)}`;
  }
  const search = theirs.search_context_cost_per_query?.search_context_size_medium;
  const pairs: [string, number | undefined, number | null][] = [
    ['cacheWrite1h', perMillion(theirs.cache_creation_input_token_cost_above_1hr), ours.prices.cacheWrite1h],
    [
      'webSearchPerThousand',
      search === undefined ? undefined : search * 1000,
      ours.prices.webSearchPerThousand,
    ],
  ];
  const differing = pairs.filter(([, a, b]) => a !== undefined && (b === null || Math.abs(a - b) > 1e-9));
  return differing.length === 0
    ? undefined
    : differing.map(([n, a, b]) => `${n} ${a} vs ${b ?? 'none'}`).join(', ');
}

describe('cross-check with LiteLLM 1-hour cache writes and web search fees', () => {
  it('agrees on Claude across Anthropic, Vertex AI and Bedrock except the disagreements reported', () => {
    const found: Record<string, string> = {};
    for (const [key, provider, model] of CLAUDE_SAMPLE) {
      const problem = toolDisagreement(key, provider, model);
      if (problem !== undefined) {
        found[key] = problem;
      }
    }
    expect(found).toEqual(KNOWN_TOOL_DISAGREEMENTS);
    // Where LiteLLM lists a 1-hour price, ours is there too: none of the Claude sample bills 5-minute.
    for (const [, provider, model] of CLAUDE_SAMPLE) {
      const prices = catalog.resolve(model, provider)?.prices;
      expect(prices?.cacheWrite1h, model).toBeCloseTo(2 * (prices?.input ?? Number.NaN), 9);
    }
  });
});
