import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from './price-catalog.js';
import type { TokenUsage } from './pricing-contract.js';

const usage: TokenUsage = {
  input_tokens: 10_000,
  output_tokens: 2_000,
  cache_read_tokens: 4_000,
  cache_write_tokens: 1_000,
  reasoning_tokens: 500,
};

/** [provider of the plain id, plain id, every other spelling of the same model: [provider?, model]]. */
const SPELLINGS: readonly [string, string, (readonly [string | undefined, string])[]][] = [
  [
    'openai',
    'gpt-4o',
    [
      [undefined, 'gpt-4o'],
      [undefined, 'gpt-4o-2024-08-06'],
      [undefined, 'openai/gpt-4o'],
      [undefined, '  GPT-4o '],
      ['OpenAI', 'gpt-4o-2024-11-20'],
      ['openai', 'openai/gpt-4o'],
    ],
  ],
  [
    'anthropic',
    'claude-sonnet-4-0',
    [
      [undefined, 'claude-sonnet-4-20250514'],
      [undefined, 'anthropic/claude-sonnet-4-20250514'],
      ['anthropic', 'Claude-Sonnet-4-20250514'],
      ['anthropic', 'claude-sonnet-4-0'],
    ],
  ],
  [
    'anthropic',
    'claude-3-5-sonnet-20241022',
    [
      [undefined, 'claude-3-5-sonnet-20241022'],
      [undefined, 'claude-3-5-sonnet-latest'],
      ['anthropic', 'anthropic/claude-3.5-sonnet'],
    ],
  ],
  [
    'aws',
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    [
      [undefined, 'bedrock/us-east-1/anthropic.claude-3-5-sonnet-20240620-v1:0'],
      [undefined, 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0'],
      [undefined, 'bedrock/converse/us.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      [undefined, 'us.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      [undefined, 'eu.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['bedrock', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
      [
        undefined,
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      ],
    ],
  ],
  [
    'azure',
    'gpt-4o',
    [
      [undefined, 'azure/gpt-4o'],
      ['azure', 'azure/gpt-4o-2024-08-06'],
      ['azure_openai', 'gpt-4o'],
      ['azure.ai.openai', 'gpt-4o'],
    ],
  ],
  [
    'google',
    'gemini-1.5-pro',
    [
      [undefined, 'gemini-1.5-pro-002'],
      [undefined, 'vertex_ai/gemini-1.5-pro'],
      [undefined, 'gemini/gemini-1.5-pro'],
      [undefined, 'models/gemini-1.5-pro'],
      ['gcp.vertex_ai', 'gemini-1.5-pro-002'],
      [undefined, 'projects/acme/locations/us-central1/publishers/google/models/gemini-1.5-pro-002'],
    ],
  ],
  [
    'google',
    'claude-3-5-sonnet@20240620',
    [
      [undefined, 'vertex_ai/claude-3-5-sonnet@20240620'],
      ['vertex_ai', 'claude-3-5-sonnet@20240620'],
      [undefined, 'claude-3-5-sonnet@20240620'],
    ],
  ],
  [
    'openrouter',
    'anthropic/claude-3.5-sonnet',
    [
      [undefined, 'openrouter/anthropic/claude-3.5-sonnet'],
      ['openrouter', 'openrouter/anthropic/claude-3.5-sonnet'],
    ],
  ],
  [
    'x-ai',
    'grok-3',
    [
      [undefined, 'xai/grok-3'],
      ['xai', 'grok-3'],
      ['x_ai', 'grok-3'],
    ],
  ],
  [
    'mistral',
    'mistral-large-latest',
    [
      [undefined, 'mistral/mistral-large-latest'],
      ['mistral_ai', 'mistral-large-latest'],
    ],
  ],
  ['groq', 'llama-3.3-70b-versatile', [[undefined, 'groq/llama-3.3-70b-versatile']]],
  [
    'deepseek',
    'deepseek-chat',
    [
      [undefined, 'deepseek/deepseek-chat'],
      [undefined, 'deepseek-chat'],
    ],
  ],
];

describe('model and alias resolution', () => {
  const catalog = createPriceCatalog({ now: () => Date.parse('2026-05-01T12:00:00Z') });

  describe.each(SPELLINGS)('%s %s', (provider, model, others) => {
    const plain = catalog.price({ provider, model, usage });

    it('is priced', () => {
      expect(plain.costUsd).toBeGreaterThan(0);
    });

    it.each(others)('resolves %s %s to the same model and cost', (otherProvider, otherModel) => {
      const other = catalog.price({ provider: otherProvider, model: otherModel, usage });
      expect({ provider: other.provider, modelId: other.modelId }).toEqual({
        provider: plain.provider,
        modelId: plain.modelId,
      });
      expect(other.costUsd).toBe(plain.costUsd);
    });
  });

  it('infers the provider from the model when the event names none or one the catalog does not know', () => {
    expect(catalog.price({ model: 'claude-haiku-4-5-20251001', usage }).provider).toBe('anthropic');
    expect(catalog.price({ model: 'gemini-2.5-flash', usage }).provider).toBe('google');
    expect(catalog.price({ provider: 'our-gateway', model: 'gpt-4.1-mini', usage }).provider).toBe('openai');
    expect(catalog.price({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', usage }).provider).toBe(
      'together',
    );
  });

  it('does not move a model to another provider when the named provider does not list it', () => {
    expect(catalog.price({ provider: 'groq', model: 'gpt-4o', usage }).unpricedReason).toBe('unknown_model');
  });

  it('never prices a self-hosted runtime from a public list', () => {
    const result = catalog.price({ provider: 'vllm', model: 'gpt-oss-120b', usage });
    expect(result).toMatchObject({ costUsd: null, unpricedReason: 'unknown_model' });
  });
});
