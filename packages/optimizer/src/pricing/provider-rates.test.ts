/**
 * 1-hour cache writes and web searches, with figures computed by hand from list prices: Claude
 * Sonnet 4 is $3/M input, $3.75/M for 5-minute writes (1.25x), $6/M for 1-hour writes (2x);
 * Anthropic's web search is $10 per 1,000 searches.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { InvalidUsageError } from './cost-engine.js';
import { createPriceCatalog } from './price-catalog.js';
import type { TokenUsage } from './pricing-contract.js';

const NO_TOKENS: TokenUsage = {
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
};
/** One million tokens written to the cache, `oneHour` of them with the 1-hour lifetime. */
const writes = (oneHour: number): TokenUsage => ({
  ...NO_TOKENS,
  input_tokens: 1_000_000,
  cache_write_tokens: 1_000_000,
  cache_write_1h_tokens: oneHour,
});
const searches = (count: number): TokenUsage => ({ ...NO_TOKENS, web_search_requests: count });
const NOON = new Date('2026-05-01T12:00:00Z');

describe('1-hour cache writes', () => {
  const catalog = createPriceCatalog({ now: () => NOON.getTime() });
  const cost = (provider: string, model: string, usage: TokenUsage) =>
    catalog.price({ provider, model, usage }).costUsd;

  it('bills Claude Sonnet 4 1-hour writes at 2x input and 5-minute writes at 1.25x', () => {
    // 1,000,000 x $6/M = $6.00; at the 5-minute rate 1,000,000 x $3.75/M = $3.75.
    expect(cost('anthropic', 'claude-sonnet-4-20250514', writes(1_000_000))).toBeCloseTo(6, 12);
    expect(cost('anthropic', 'claude-sonnet-4-20250514', writes(0))).toBeCloseTo(3.75, 12);
    // A mix: 400k 1-hour x $6/M + 600k 5-minute x $3.75/M = 2.40 + 2.25.
    expect(cost('anthropic', 'claude-sonnet-4-20250514', writes(400_000))).toBeCloseTo(4.65, 12);
  });

  it('no longer bills 1-hour writes at the 5-minute rate where the catalog lacks a 1-hour price', () => {
    // Regression: Claude on Vertex AI and Bedrock had no 1-hour price, so 1-hour writes were billed
    // at the 5-minute $3.75/M (genai-prices' fallback, still its figure).
    const old = calcPrice(
      { input_tokens: 1e6, cache_write_tokens: 1e6, cache_write_1h_tokens: 1e6 },
      'claude-sonnet-4-6',
      {
        providerId: 'google',
      },
    );
    expect(old?.total_price).toBeCloseTo(3.75, 12);
    expect(cost('google', 'claude-sonnet-4-6', writes(1_000_000))).toBeCloseTo(6, 12);
    expect(cost('aws', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', writes(1_000_000))).toBeCloseTo(
      6,
      12,
    );
    // Bedrock's regional endpoints list $3.30/M input: 2 x 3.30 = $6.60/M.
    expect(cost('aws', 'eu.anthropic.claude-sonnet-4-6', writes(1_000_000))).toBeCloseTo(6.6, 12);
  });

  it('derives the 1-hour price in every long-context band', () => {
    // Claude Sonnet 4.5 on Vertex AI: $6/M input above 200k prompt tokens, so 1-hour writes $12/M.
    expect(cost('google', 'claude-sonnet-4-5', writes(1_000_000))).toBeCloseTo(12, 12);
  });

  it('keeps the catalog’s own 1-hour price where it has one', () => {
    // Bedrock Claude Opus 5.5 lists $8/M (2 x $4/M) itself.
    expect(cost('aws', 'global.anthropic.claude-opus-5-5', writes(1_000_000))).toBeCloseTo(8, 12);
  });

  it('derives it for an organization’s own Claude price list too', () => {
    const overrides = [
      {
        kind: 'model_price' as const,
        model: 'claude-sonnet-4-20250514',
        provider: 'anthropic',
        prices: { input_mtok: 2.4, cache_write_mtok: 3 },
      },
    ];
    const negotiated = createPriceCatalog({ overrides });
    const usage = writes(1_000_000);
    // 2 x the negotiated $2.40/M input = $4.80/M.
    const priced = negotiated.price({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', usage });
    expect(priced.costUsd).toBeCloseTo(4.8, 12);
  });

  it('derives nothing for providers without a 1-hour lifetime', () => {
    // OpenAI has no cache write price and no 1-hour lifetime: writes are billed as input ($2.50/M).
    expect(cost('openai', 'gpt-4o', writes(1_000_000))).toBeCloseTo(2.5, 12);
  });

  it('shows the derived price in the model metadata', () => {
    const meta = catalog.resolve('claude-sonnet-4-6', 'google');
    expect(meta?.prices).toMatchObject({ cacheWrite: 3.75, cacheWrite1h: 6, webSearchPerThousand: 10 });
  });
});

describe('web searches', () => {
  const catalog = createPriceCatalog({ now: () => NOON.getTime() });

  it('prices 1,000 Anthropic web searches at $10', () => {
    const priced = catalog.breakdown({
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      usage: searches(1_000),
    });
    expect(priced.costUsd).toBeCloseTo(10, 12);
    expect(priced.breakdown?.webSearchUsd).toBeCloseTo(10, 12);
    expect(priced.unpricedWebSearches).toBeUndefined();
  });

  it('prices OpenAI web search calls at the catalog’s fee', () => {
    // genai-prices lists gpt-4o's web search at $10 per 1,000 calls.
    const usage = { ...searches(250), input_tokens: 1_000 };
    // 250 x $0.01 + 1,000 x $2.50/M.
    expect(catalog.price({ provider: 'openai', model: 'gpt-4o', usage }).costUsd).toBeCloseTo(
      2.5 + 0.0025,
      12,
    );
  });

  it('prices Claude searches on Vertex AI at Anthropic’s fee where the catalog has none', () => {
    expect(
      catalog.price({ provider: 'google', model: 'claude-sonnet-4-6', usage: searches(1_000) }).costUsd,
    ).toBeCloseTo(10, 12);
  });

  it('reports searches no known fee prices instead of billing them at $0 silently', () => {
    const usage = { ...searches(5), input_tokens: 1_000_000 };
    const priced = catalog.price({ provider: 'google', model: 'gemini-2.5-flash', usage });
    // Tokens only: 1,000,000 x $0.30/M; the 5 searches are named, not priced.
    expect(priced.costUsd).toBeCloseTo(0.3, 12);
    expect(priced.unpricedWebSearches).toBe(5);
    const parts = catalog.breakdown({ provider: 'google', model: 'gemini-2.5-flash', usage });
    expect(parts.breakdown).toMatchObject({ webSearchUsd: 0, unpricedWebSearches: 5 });
    expect(parts.unpricedWebSearches).toBe(5);
  });

  it('keeps the search fee out of the batch discount and inside an organization discount', () => {
    // Batch: 1M input at $1.50/M (half of $3) + 1,000 searches at the full $10.
    const usage = { ...searches(1_000), input_tokens: 1_000_000 };
    const batch = catalog.price({
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      usage,
      batch: true,
    });
    expect(batch.costUsd).toBeCloseTo(1.5 + 10, 12);
    const discounted = createPriceCatalog({
      overrides: [{ kind: 'discount', provider: 'anthropic', percent: 20 }],
    });
    const priced = discounted.price({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', usage });
    expect(priced.costUsd).toBeCloseTo((3 + 10) * 0.8, 12);
  });

  it('takes an organization’s own search fee from its price list', () => {
    const overrides = [
      {
        kind: 'model_price' as const,
        model: 'in-house-agent',
        provider: 'self-hosted',
        prices: { input_mtok: 1, web_searches_kcount: 4 },
      },
    ];
    const own = createPriceCatalog({ overrides });
    // 500 x $4/1,000 = $2.
    expect(
      own.price({ provider: 'self-hosted', model: 'in-house-agent', usage: searches(500) }).costUsd,
    ).toBeCloseTo(2, 12);
  });

  it('refuses a negative or non-numeric search count', () => {
    const price = (count: number) => () =>
      catalog.price({ provider: 'anthropic', model: 'claude-sonnet-4-20250514', usage: searches(count) });
    expect(price(-1)).toThrow(InvalidUsageError);
    expect(price(Number.NaN)).toThrow(/web_search_requests must be a finite number/);
  });

  it('costs exactly as before for usage without searches or 1-hour writes', () => {
    const usage: TokenUsage = {
      ...NO_TOKENS,
      input_tokens: 10_000,
      output_tokens: 500,
      cache_write_tokens: 2_000,
    };
    const before = calcPrice(
      { input_tokens: 10_000, output_tokens: 500, cache_write_tokens: 2_000 },
      'claude-sonnet-4-6',
      { providerId: 'google', timestamp: NOON },
    );
    expect(catalog.price({ provider: 'google', model: 'claude-sonnet-4-6', usage }).costUsd).toBe(
      before?.total_price,
    );
  });
});

describe('what-if re-pricing keeps the 1-hour writes and searches', () => {
  const catalog = createPriceCatalog({ now: () => NOON.getTime() });
  const usage: TokenUsage = { ...writes(1_000_000), web_search_requests: 1_000 };

  it('bills them on the alternative model at its own rates', () => {
    // Claude Haiku 4.5: 1,000,000 1-hour writes x $2/M (2 x $1) + 1,000 searches x $10/1,000.
    const onHaiku = catalog.repriceAs(usage, { provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(onHaiku.costUsd).toBeCloseTo(2 + 10, 12);
    expect(onHaiku.breakdown).toMatchObject({ cacheWrite1hUsd: 2, webSearchUsd: 10 });
  });

  it('leaves unpriced an alternative with no fee for the searches, rather than call it cheaper', () => {
    // Bedrock runs no server-side web search for Claude: without the $10 the move would look cheaper.
    const onBedrock = catalog.repriceAs(usage, {
      provider: 'aws',
      model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(onBedrock).toMatchObject({
      costUsd: null,
      unpricedReason: 'no_web_search_price',
      breakdown: null,
    });
    const withoutSearches = catalog.repriceAs(writes(1_000_000), {
      provider: 'aws',
      model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    });
    expect(withoutSearches.costUsd).toBeCloseTo(6, 12);
    expect(catalog.unpriced()).toEqual([]);
  });
});
