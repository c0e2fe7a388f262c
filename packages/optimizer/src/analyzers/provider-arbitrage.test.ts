import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '#pricing/pricing-contract.js';
import { createPriceCatalog, type PriceCatalog } from '#pricing/price-catalog.js';
import { analyzeProviderArbitrage, arbitrageAlternative, sameModelKey } from './provider-arbitrage.js';
import {
  analyzedRequest,
  analyzerContext,
  billCost,
  billOf,
  catalog,
  mustApply,
  only,
  run,
  segmentProfile,
  workloadProfile,
} from './test-support.js';

/**
 * A real pair in the bundled catalog: Llama 4 Scout is listed by Together as
 * `meta-llama/Llama-4-Scout-17B-16E-Instruct` at $0.18 in / $0.59 out per million tokens and by Groq
 * as `meta-llama/llama-4-scout-17b-16e-instruct` at $0.11 / $0.34 (about 40% less). Hugging Face
 * router routes of the same weights (e.g. huggingface_nscale, $0.09 / $0.29) are not offered as a
 * provider to move to.
 */
const SCOUT_ON_TOGETHER = segmentProfile({
  feature: 'summarizer',
  provider: 'together_ai',
  model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
  priced_provider: 'together',
  priced_model: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
  input_tokens: 2_000_000,
  output_tokens: 150_000,
});
const GROQ = { provider: 'groq', model: 'meta-llama/llama-4-scout-17b-16e-instruct' };
const MEAN_REQUEST: TokenUsage = {
  input_tokens: 2_000,
  output_tokens: 150,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};

function twoProviders(groqPrice: number): PriceCatalog {
  return createPriceCatalog({
    overrides: [
      {
        kind: 'model_price',
        provider: 'together',
        model: 'acme/acme-7b',
        prices: { input_mtok: 1, output_mtok: 1 },
      },
      {
        kind: 'model_price',
        provider: 'groq',
        model: 'acme-7b',
        prices: { input_mtok: groqPrice, output_mtok: groqPrice },
      },
    ],
  });
}

describe('arbitrageAlternative', () => {
  it('finds the same open-weights model cheaper at another provider', () => {
    expect(arbitrageAlternative(catalog, 'together', SCOUT_ON_TOGETHER.priced_model, MEAN_REQUEST)).toEqual(
      GROQ,
    );
  });

  it('returns null from the cheapest provider, for proprietary models and unknown ones', () => {
    expect(arbitrageAlternative(catalog, 'groq', GROQ.model, MEAN_REQUEST)).toBeNull();
    expect(arbitrageAlternative(catalog, 'openai', 'gpt-4o-mini', MEAN_REQUEST)).toBeNull();
    expect(arbitrageAlternative(catalog, 'acme', 'acme-llm', MEAN_REQUEST)).toBeNull();
  });

  it('needs at least 10% less for the token mix', () => {
    expect(arbitrageAlternative(twoProviders(0.9), 'together', 'acme/acme-7b', MEAN_REQUEST)).toEqual({
      provider: 'groq',
      model: 'acme-7b',
    });
    expect(arbitrageAlternative(twoProviders(0.91), 'together', 'acme/acme-7b', MEAN_REQUEST)).toBeNull();
  });

  it("respects the organization's negotiated discount on its current provider", () => {
    const discounted = createPriceCatalog({
      overrides: [{ kind: 'discount', provider: 'together', percent: 40 }],
    });
    expect(
      arbitrageAlternative(discounted, 'together', SCOUT_ON_TOGETHER.priced_model, MEAN_REQUEST),
    ).toBeNull();
  });

  it('compares models by their id without provider path prefixes', () => {
    expect(sameModelKey('accounts/fireworks/models/deepseek-v3')).toBe('deepseek-v3');
    expect(sameModelKey('meta-llama/Llama-4-Scout-17B-16E-Instruct')).toBe('llama-4-scout-17b-16e-instruct');
  });
});

describe('provider_arbitrage', () => {
  it('reports the cheaper provider with list costs and a LiteLLM entry', () => {
    const candidate = only(run(analyzeProviderArbitrage, SCOUT_ON_TOGETHER));
    expect(candidate.id).toBe(
      'provider_arbitrage:summarizer:together_ai/meta-llama/Llama-4-Scout-17B-16E-Instruct',
    );
    expect(candidate.evidence).toMatchObject({
      alternative_provider: 'groq',
      alternative_model: GROQ.model,
      // 2M × $0.18 + 150k × $0.59 = $0.4485; on Groq 2M × $0.11 + 150k × $0.34 = $0.271.
      list_cost_usd: 0.4485,
      alternative_list_cost_usd: 0.271,
      price_difference_pct: 39.6,
    });
    expect(candidate.actions[0]?.snippet).toContain(
      'model: "groq/meta-llama/llama-4-scout-17b-16e-instruct"',
    );
  });

  it('re-prices every request of the segment on the other provider', () => {
    const candidate = only(run(analyzeProviderArbitrage, SCOUT_ON_TOGETHER));
    const request = analyzedRequest(SCOUT_ON_TOGETHER);
    const bill = mustApply(candidate, request);
    expect(bill).toMatchObject(GROQ);
    expect(billCost(bill)).toBeLessThan(0.9 * billCost(billOf(request)));
  });

  it('fires on the 10% edge and stays silent just below it', () => {
    const acme = { ...SCOUT_ON_TOGETHER, model: 'acme/acme-7b', priced_model: 'acme/acme-7b' };
    const context = (price: number) => ({
      ...analyzerContext(workloadProfile([acme])),
      catalog: twoProviders(price),
    });
    expect(analyzeProviderArbitrage(context(0.9))).toHaveLength(1);
    expect(analyzeProviderArbitrage(context(0.91))).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeProviderArbitrage, segmentProfile())).toEqual([]);
    expect(
      run(analyzeProviderArbitrage, { ...SCOUT_ON_TOGETHER, priced_model: '', priced_provider: '' }),
    ).toEqual([]);
  });
});
