import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidUsageError, totalCost } from './cost-engine.js';
import { createPriceCatalog } from './price-catalog.js';
import { rateCardAt } from './price-periods.js';
import type { TokenUsage } from './pricing-contract.js';

const MILLION: TokenUsage = {
  input_tokens: 1_000_000,
  output_tokens: 1_000_000,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};
const CACHED: TokenUsage = {
  input_tokens: 1_000_000,
  output_tokens: 100_000,
  cache_read_tokens: 600_000,
  cache_write_tokens: 200_000,
  reasoning_tokens: 0,
};
const NOON = new Date('2026-05-01T12:00:00Z');

describe('unknown and unpriceable models', () => {
  it('leaves an unknown model unpriced instead of pricing it at $0', () => {
    const catalog = createPriceCatalog();
    const result = catalog.price({ provider: 'openai', model: 'gpt-17-ultra', usage: MILLION });
    expect(result).toEqual({ costUsd: null, provider: null, modelId: null, unpricedReason: 'unknown_model' });
    expect(catalog.breakdown({ model: 'totally-unknown', usage: MILLION })).toMatchObject({
      costUsd: null,
      breakdown: null,
    });
  });

  it('lists the unpriced pairs with their request counts, most requests first', () => {
    const catalog = createPriceCatalog();
    catalog.price({ provider: 'openai', model: 'gpt-4o', usage: MILLION });
    for (let i = 0; i < 3; i += 1) {
      catalog.price({ provider: 'Acme', model: 'Acme-LLM-7B', usage: MILLION });
    }
    catalog.price({ model: 'mystery', usage: MILLION });
    catalog.price({ provider: 'openai', model: 'text-embedding-3-small', usage: MILLION });
    catalog.repriceAs(MILLION, { model: 'what-if-only' });
    expect(catalog.unpriced()).toEqual([
      { provider: 'acme', model: 'acme-llm-7b', reason: 'unknown_model', requests: 3 },
      { provider: null, model: 'mystery', reason: 'unknown_model', requests: 1 },
      { provider: 'openai', model: 'text-embedding-3-small', reason: 'no_token_prices', requests: 1 },
    ]);
  });

  it('prices an embedding model that has no output price when no output is billed', () => {
    const catalog = createPriceCatalog();
    const usage = { ...MILLION, output_tokens: 0 };
    expect(catalog.price({ provider: 'openai', model: 'text-embedding-3-small', usage }).costUsd).toBeCloseTo(
      0.02,
      12,
    );
  });

  it('prices a listed free tier at exactly 0 and a model with no token prices not at all', () => {
    const catalog = createPriceCatalog();
    expect(
      catalog.price({ provider: 'openrouter', model: 'mistralai/mistral-7b-instruct:free', usage: MILLION })
        .costUsd,
    ).toBe(0);
    expect(catalog.price({ provider: 'openai', model: 'whisper-1', usage: MILLION }).unpricedReason).toBe(
      'no_token_prices',
    );
  });
});

describe('organization price overrides', () => {
  it('prices a self-hosted model at its own price per million tokens', () => {
    const catalog = createPriceCatalog({
      overrides: [
        {
          kind: 'model_price',
          provider: 'self-hosted',
          model: 'llama-3-70b-internal',
          prices: { input_mtok: 0.4, output_mtok: 0.8 },
        },
      ],
    });
    const result = catalog.price({ provider: 'self-hosted', model: 'Llama-3-70B-Internal', usage: MILLION });
    expect(result).toEqual({ costUsd: 1.2, provider: 'self-hosted', modelId: 'llama-3-70b-internal' });
  });

  it('wins over the catalog, and a prefix match prices every fine-tune of a base model', () => {
    const catalog = createPriceCatalog({
      overrides: [
        {
          kind: 'model_price',
          model: 'gpt-4o',
          provider: 'openai',
          prices: { input_mtok: 1, output_mtok: 2 },
        },
        {
          kind: 'model_price',
          model: 'ft:gpt-4o-mini-2024-07-18:acme',
          match: 'prefix',
          prices: { input_mtok: 0.3, output_mtok: 1.2 },
        },
      ],
    });
    expect(catalog.price({ provider: 'openai', model: 'gpt-4o', usage: MILLION }).costUsd).toBe(3);
    const fineTune = catalog.price({
      provider: 'openai',
      model: 'ft:gpt-4o-mini-2024-07-18:acme::abc123',
      usage: MILLION,
    });
    expect(fineTune).toMatchObject({ costUsd: 1.5, provider: 'openai' });
  });

  it('applies a negotiated discount, the most specific one, without stacking', () => {
    const catalog = createPriceCatalog({
      overrides: [
        { kind: 'discount', percent: 5 },
        { kind: 'discount', provider: 'anthropic', percent: 10 },
        { kind: 'discount', provider: 'anthropic', model: 'claude-haiku-4-5', percent: 20 },
      ],
    });
    const list = createPriceCatalog();
    const cost = (c: typeof catalog, provider: string, model: string) =>
      c.price({ provider, model, usage: CACHED, timestamp: NOON }).costUsd ?? Number.NaN;
    expect(cost(catalog, 'anthropic', 'claude-sonnet-4-5')).toBeCloseTo(
      cost(list, 'anthropic', 'claude-sonnet-4-5') * 0.9,
      12,
    );
    expect(cost(catalog, 'anthropic', 'claude-haiku-4-5-20251001')).toBeCloseTo(
      cost(list, 'anthropic', 'claude-haiku-4-5') * 0.8,
      12,
    );
    expect(cost(catalog, 'openai', 'gpt-4o')).toBeCloseTo(cost(list, 'openai', 'gpt-4o') * 0.95, 12);
  });

  it('maps a deployment name to a catalog model with an alias', () => {
    const catalog = createPriceCatalog({
      overrides: [
        {
          kind: 'alias',
          provider: 'azure',
          model: 'prod-chat',
          target: { provider: 'azure', model: 'gpt-4o' },
        },
      ],
    });
    const aliased = catalog.price({ provider: 'azure', model: 'prod-chat', usage: MILLION });
    expect(aliased).toMatchObject({ provider: 'azure', modelId: 'gpt-4o', costUsd: 12.5 });
  });

  it('rejects a malformed override with the field that is wrong', () => {
    const bad = [{ kind: 'discount', percent: 150 }] as never;
    expect(() => createPriceCatalog({ overrides: bad })).toThrow(/price override #0: percent/);
  });
});

describe('batch pricing', () => {
  it('halves every price for providers that document a 50% batch discount', () => {
    const catalog = createPriceCatalog();
    for (const [provider, model] of [
      ['openai', 'gpt-4.1'],
      ['anthropic', 'claude-sonnet-4-5'],
      ['aws', 'amazon.nova-pro-v1:0'],
      ['mistral', 'mistral-large-latest'],
    ] as const) {
      const standard =
        catalog.price({ provider, model, usage: CACHED, timestamp: NOON }).costUsd ?? Number.NaN;
      const batch = catalog.price({ provider, model, usage: CACHED, timestamp: NOON, batch: true });
      expect(batch.batchPricing).toBe('provider_discount');
      expect(batch.costUsd).toBeCloseTo(standard / 2, 12);
    }
  });

  it('keeps Gemini cache reads at the cache price, since Google does not stack the two discounts', () => {
    const catalog = createPriceCatalog();
    const standard = catalog.breakdown({ provider: 'google', model: 'gemini-2.5-flash', usage: CACHED });
    const batch = catalog.breakdown({
      provider: 'google',
      model: 'gemini-2.5-flash',
      usage: CACHED,
      batch: true,
    });
    expect(batch.breakdown?.cacheReadUsd).toBe(standard.breakdown?.cacheReadUsd);
    expect(batch.breakdown?.inputUsd).toBeCloseTo((standard.breakdown?.inputUsd ?? 0) / 2, 12);
  });

  it('uses Groq’s documented 25% and no discount where none is documented', () => {
    const catalog = createPriceCatalog();
    const groq = (batch: boolean) =>
      catalog.price({ provider: 'groq', model: 'llama-3.1-8b-instant', usage: MILLION, batch }).costUsd ??
      Number.NaN;
    expect(groq(true)).toBeCloseTo(groq(false) * 0.75, 12);
    const deepseek = catalog.price({
      provider: 'deepseek',
      model: 'deepseek-chat',
      usage: MILLION,
      timestamp: NOON,
      batch: true,
    });
    expect(deepseek.batchPricing).toBe('none');
    expect(deepseek.costUsd).toBe(
      catalog.price({ provider: 'deepseek', model: 'deepseek-chat', usage: MILLION, timestamp: NOON })
        .costUsd,
    );
    expect(catalog.batchSupport('DeepSeek')).toMatchObject({ offered: false, discountPercent: 0 });
  });

  it('uses the catalog’s own batch price when it has one', () => {
    const catalog = createPriceCatalog({
      overrides: [
        {
          kind: 'model_price',
          provider: 'openai',
          model: 'gpt-4o',
          prices: { input_mtok: 2.5, output_mtok: 10 },
          batchPrices: { input_mtok: 1, output_mtok: 4 },
        },
      ],
    });
    expect(catalog.price({ provider: 'openai', model: 'gpt-4o', usage: MILLION, batch: true })).toMatchObject(
      {
        costUsd: 5,
        batchPricing: 'catalog',
      },
    );
  });
});

/** Priced, batched, without a provider, banded by input size, unknown, and not covered by its card. */
const COST_INPUTS = [
  { provider: 'openai', model: 'gpt-4o', usage: CACHED, batch: false, timestamp: NOON },
  { provider: 'openai', model: 'gpt-4o', usage: MILLION, batch: true, timestamp: NOON },
  {
    provider: undefined,
    model: 'claude-sonnet-4-20250514',
    usage: CACHED,
    batch: false,
    timestamp: NOON,
  },
  {
    provider: 'google',
    model: 'gemini-2.5-pro',
    usage: { ...MILLION, input_tokens: 300_000 },
    batch: false,
  },
  { provider: 'openai', model: 'gpt-17-ultra', usage: MILLION, batch: false, timestamp: NOON },
  { provider: 'openai', model: 'text-embedding-3-small', usage: MILLION, batch: false, timestamp: NOON },
];

describe('the cost alone', () => {
  it('is what price() answers, for priced, batched, unpriced and time-dependent inputs', () => {
    const catalog = createPriceCatalog();
    for (const { provider, model, usage, batch, timestamp } of COST_INPUTS) {
      expect(catalog.costOf(provider, model, usage, batch, timestamp)).toBe(
        catalog.price({ provider, model, usage, batch, ...(timestamp === undefined ? {} : { timestamp }) })
          .costUsd,
      );
    }
    expect(catalog.costOf('openai', 'gpt-4o', MILLION, false, NOON)).toBeCloseTo(2.5 + 10, 9);
    expect(catalog.costOf('openai', 'gpt-17-ultra', MILLION, false)).toBeNull();
    expect(() =>
      catalog.costOf('openai', 'gpt-4o', { ...MILLION, cache_read_tokens: 2_000_000 }, false),
    ).toThrow(InvalidUsageError);
  });
});

describe('what-if re-pricing', () => {
  const catalog = createPriceCatalog({ now: () => NOON.getTime() });

  it('re-prices the same usage on an alternative model', () => {
    const onMini = catalog.repriceAs(CACHED, { provider: 'openai', model: 'gpt-4o-mini' });
    const direct = catalog.breakdown({
      provider: 'openai',
      model: 'gpt-4o-mini',
      usage: CACHED,
      timestamp: NOON,
    });
    expect(onMini).toEqual(direct);
    expect(onMini.costUsd).toBeLessThan(
      catalog.price({ provider: 'openai', model: 'gpt-4o', usage: CACHED }).costUsd ?? 0,
    );
  });

  it('re-prices on an explicit price list and under batch', () => {
    const alternative = {
      prices: { input_mtok: 1, output_mtok: 3, cache_read_mtok: 0.1 },
      model: 'candidate',
    };
    const result = catalog.repriceAs(CACHED, alternative);
    expect(result.breakdown).toEqual({
      inputUsd: 0.2,
      cacheReadUsd: 0.06,
      cacheWriteUsd: 0.2,
      cacheWrite1hUsd: 0,
      outputUsd: 0.3,
      reasoningUsd: 0,
      requestUsd: 0,
      webSearchUsd: 0,
      unpricedWebSearches: 0,
      totalUsd: 0.76,
    });
    expect(
      catalog.repriceAs(MILLION, { provider: 'anthropic', model: 'claude-haiku-4-5' }, { batch: true })
        .costUsd,
    ).toBe(3);
  });

  it('splits a breakdown whose parts add up to the price', () => {
    const result = catalog.breakdown({
      provider: 'anthropic',
      model: 'claude-opus-4-1',
      usage: { ...CACHED, reasoning_tokens: 40_000, cache_write_1h_tokens: 50_000, web_search_requests: 7 },
    });
    const parts = result.breakdown;
    expect(parts).not.toBeNull();
    const sum =
      (parts?.inputUsd ?? 0) +
      (parts?.cacheReadUsd ?? 0) +
      (parts?.cacheWriteUsd ?? 0) +
      (parts?.cacheWrite1hUsd ?? 0) +
      (parts?.outputUsd ?? 0) +
      (parts?.reasoningUsd ?? 0) +
      (parts?.requestUsd ?? 0) +
      (parts?.webSearchUsd ?? 0);
    expect(sum).toBeCloseTo(result.costUsd ?? 0, 12);
    // 150k 5-minute writes at $18.75/M and 50k 1-hour writes at $30/M; 7 searches at $10 per 1,000.
    expect(parts?.cacheWriteUsd).toBeCloseTo(0.15 * 18.75, 12);
    expect(parts?.cacheWrite1hUsd).toBeCloseTo(0.05 * 30, 12);
    expect(parts?.webSearchUsd).toBeCloseTo(0.07, 12);
  });
});

describe('usage validation', () => {
  it('refuses inconsistent counts with a clear error', () => {
    const catalog = createPriceCatalog();
    const price = (usage: Partial<TokenUsage>) => () =>
      catalog.price({ provider: 'openai', model: 'gpt-4o', usage: { ...MILLION, ...usage } });
    expect(price({ cache_read_tokens: 900_000, cache_write_tokens: 200_000 })).toThrow(
      /must not exceed input_tokens/,
    );
    expect(price({ reasoning_tokens: 2_000_000 })).toThrow(InvalidUsageError);
    expect(price({ input_tokens: -1 })).toThrow(/finite numbers of 0 or more/);
    expect(price({ output_tokens: Number.NaN })).toThrow(/finite numbers/);
  });
});

describe('model metadata', () => {
  const catalog = createPriceCatalog({ now: () => NOON.getTime() });

  it('exposes context window, capabilities, prices, tiers and batch support', () => {
    expect(catalog.resolve('gemini-2.5-pro', 'google')).toMatchObject({
      provider: 'google',
      modelId: 'gemini-2.5-pro',
      deprecated: false,
      capabilities: expect.arrayContaining(['reasoning', 'vision']) as unknown,
      prices: { input: 1.25, output: 10, cacheRead: 0.125 },
      longContextTiers: true,
      batch: { offered: true, discountPercent: 50 },
    });
    expect(catalog.resolve('o3-mini')).toMatchObject({ contextWindow: 200_000, capabilities: ['reasoning'] });
    expect(catalog.resolve('unknown-model-x')).toBeNull();
  });

  it('lists every priced catalog model and the organization’s own', () => {
    const withCustom = createPriceCatalog({
      overrides: [
        {
          kind: 'model_price',
          provider: 'self-hosted',
          model: 'mine',
          prices: { input_mtok: 1 },
          contextWindow: 32_000,
        },
      ],
    });
    const models = withCustom.models();
    expect(models.length).toBeGreaterThan(1000);
    expect(models.some((m) => m.deprecated)).toBe(true);
    expect(models.at(-1)).toMatchObject({
      provider: 'self-hosted',
      modelId: 'mine',
      contextWindow: 32_000,
      origin: 'override',
    });
  });
});

describe('compiled rates of a pair', () => {
  const usage: TokenUsage = {
    input_tokens: 250_000,
    output_tokens: 900,
    cache_read_tokens: 1000,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
  };

  it('bill what price bills, standard and batch, attributed to the same model', () => {
    const catalog = createPriceCatalog();
    const rates = catalog.rates('google', 'gemini-2.5-pro');
    const at = new Date('2025-06-01T12:00:00Z');
    for (const batch of [false, true]) {
      const periods = (batch ? rates.batch : rates.standard) ?? [];
      const priced = catalog.price({
        provider: 'google',
        model: 'gemini-2.5-pro',
        batch,
        timestamp: at,
        usage,
      });
      expect(totalCost(rateCardAt(periods, at.getTime(), usage.input_tokens), usage)).toBe(priced.costUsd);
      expect([rates.provider, rates.modelId]).toEqual([priced.provider, priced.modelId]);
    }
  });

  it('are empty for a model the catalog cannot price', () => {
    expect(createPriceCatalog().rates(undefined, 'no-such-model-42')).toEqual({
      provider: null,
      modelId: null,
      standard: null,
      batch: null,
    });
  });
});

describe('no network', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('never fetches: everything comes from the bundled data', () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetchSpy);
    const catalog = createPriceCatalog();
    catalog.price({ model: 'gpt-4o', usage: MILLION });
    catalog.models();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
