/**
 * The provider-arbitrage recipe (an open-weights model on a provider the catalog undercuts for the
 * same model) and the clean recipes that must yield no opportunity at all.
 * @module
 */
import type { PriceCatalog } from '@netra/optimizer';
import { arbitrageHost } from '#modules/demo/arbitrage-host.js';
import { cleanOutput, tokens, type FeatureRecipe } from '#modules/demo/recipe.js';
import { fingerprint, prefixChain } from '#modules/demo/request-draft.js';
import { uniformTimes } from '#modules/demo/timeline.js';

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
