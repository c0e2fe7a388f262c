/**
 * The provider-arbitrage recipe (an open-weights model on a provider the catalog undercuts for the
 * same model) and the clean recipes that must yield no opportunity at all.
 * @module
 */
import { arbitrageAlternative, type PriceCatalog, type TokenUsage } from '@netra/optimizer';
import { cleanOutput, tokens, type FeatureRecipe } from './recipe.js';
import { fingerprint, prefixChain } from './request-draft.js';
import { uniformTimes } from './timeline.js';

/** Open-weights hosts to plant arbitrage on, most familiar first; the first the catalog undercuts wins. */
export const ARBITRAGE_HOSTS: readonly { provider: string; model: string }[] = [
  { provider: 'fireworks', model: 'accounts/fireworks/models/gpt-oss-120b' },
  { provider: 'groq', model: 'openai/gpt-oss-120b' },
  { provider: 'novita', model: 'meta-llama/llama-3.3-70b-instruct' },
  { provider: 'cerebras', model: 'llama-3.3-70b' },
];

/** A typical request of the arbitrage feature, to ask the catalog for a cheaper host. */
const TYPICAL_USAGE: TokenUsage = {
  input_tokens: 2_000,
  output_tokens: 450,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};

/** The host to plant on: the first of ARBITRAGE_HOSTS that the catalog prices and undercuts. */
export function arbitrageHost(catalog: PriceCatalog): { provider: string; model: string } {
  for (const host of ARBITRAGE_HOSTS) {
    const priced = catalog.price({ provider: host.provider, model: host.model, usage: TYPICAL_USAGE });
    if (priced.provider === null || priced.modelId === null) {
      continue;
    }
    if (arbitrageAlternative(catalog, priced.provider, priced.modelId, TYPICAL_USAGE) !== null) {
      return host;
    }
  }
  throw new Error('no open-weights host in ARBITRAGE_HOSTS has a cheaper provider in the catalog');
}

/** Bulk summaries on an open-weights model, on a host another provider undercuts. */
export function arbitrageRecipe(catalog: PriceCatalog): FeatureRecipe {
  const host = arbitrageHost(catalog);
  return {
    feature: 'bulk-summaries',
    provider: host.provider,
    model: host.model,
    kind: 'provider_arbitrage',
    description: `${host.model} on ${host.provider}; the catalog lists it cheaper elsewhere`,
    weight: 1,
    draft(random, count, window) {
      return uniformTimes(random, count, window).map((timestamp, index) => ({
        timestamp,
        input: tokens(random, 1_000, 3_000),
        output: cleanOutput(random),
        promptHash: fingerprint('bulk-summaries', index),
      }));
    },
  };
}

/** Clean: streamed chat with distinct prompts and distinct prefix chains (no shared prefix). */
export const cleanChatRecipe: FeatureRecipe = {
  feature: 'assistant-chat',
  provider: 'openai',
  model: 'gpt-4o-mini',
  kind: null,
  description: 'distinct prompts and prefixes, max_tokens set, even over all hours',
  weight: 1,
  draft(random, count, window) {
    return uniformTimes(random, count, window).map((timestamp, index) => {
      const input = tokens(random, 1_000, 2_500);
      return {
        timestamp,
        input,
        output: cleanOutput(random),
        promptHash: fingerprint('assistant-chat', index),
        prefixHashes: prefixChain('assistant-chat', `own-${index}`, 0, index, input),
        prompt: 'Answer the user question in a friendly tone, citing the docs where useful.',
      };
    });
  },
};

/** Clean: retrieval answers on a small model, no hashes beyond the distinct prompt hash. */
export const cleanSearchRecipe: FeatureRecipe = {
  feature: 'docs-search',
  provider: 'anthropic',
  model: 'claude-3-5-haiku-latest',
  kind: null,
  description: 'distinct prompts, no prefix hashes, max_tokens set, even over all hours',
  weight: 1,
  draft(random, count, window) {
    return uniformTimes(random, count, window).map((timestamp, index) => ({
      timestamp,
      input: tokens(random, 1_500, 4_000),
      output: tokens(random, 250, 600),
      promptHash: fingerprint('docs-search', index),
    }));
  },
};
