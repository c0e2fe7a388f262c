/**
 * The open-weights host a generated workload runs its provider-arbitrage feature on: one the price
 * catalog lists cheaper elsewhere for the same model, so the lever has something true to find.
 * @module
 */
import { arbitrageAlternative, type PriceCatalog, type TokenUsage } from '@netra/optimizer';

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
