import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '#analysis/usage-source.js';
import { analyzePromptCaching } from './prompt-caching.js';
import {
  analyzedRequest,
  analyzerContext,
  applyChange,
  mustApply,
  only,
  run,
  segmentProfile,
  workloadProfile,
} from './test-support.js';

// claude-sonnet-4-0 in the catalog: input $3, cache read $0.30, cache write $3.75 per million tokens.
const AGENT = segmentProfile({
  feature: 'agent',
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  priced_provider: 'anthropic',
  priced_model: 'claude-sonnet-4-0',
  cost_usd: 30,
  input_tokens: 10_000_000,
  cacheable_tokens: 6_500_000,
  cacheable_tokens_min_rule: 6_000_000,
  cache_write_prefix_tokens: 500_000,
});
// gpt-4o: input $2.50, cache read $1.25, no cache-write price.
const GPT_4O = segmentProfile({ feature: 'rag', model: 'gpt-4o', priced_model: 'gpt-4o', cost_usd: 10 });

describe('prompt_caching', () => {
  it('reports the cacheable tokens, prices and the estimate net of write premiums', () => {
    const candidate = only(run(analyzePromptCaching, AGENT));
    expect(candidate.id).toBe('prompt_caching:agent:anthropic/claude-sonnet-4-20250514');
    expect(candidate.evidence).toMatchObject({
      cacheable_tokens: 6_000_000,
      reuse_share: 0.6,
      input_price_per_mtok: 3,
      cache_read_price_per_mtok: 0.3,
      cache_write_price_per_mtok: 3.75,
      // 6M × (3 − 0.3) − 0.5M × (3.75 − 3), per million.
      estimated_saving_usd: 15.825,
    });
  });

  it('gives Anthropic cache_control breakpoints and OpenAI a stable prefix with prompt_cache_key', () => {
    const anthropic = only(run(analyzePromptCaching, AGENT)).actions[0]?.snippet ?? '';
    expect(JSON.parse(anthropic)).toMatchObject({
      system: [{ cache_control: { type: 'ephemeral' } }],
    });
    const openai = only(run(analyzePromptCaching, { ...GPT_4O, cacheable_tokens_min_rule: 1_000_000 }));
    expect(JSON.parse(openai.actions[0]?.snippet ?? '{}')).toMatchObject({ prompt_cache_key: 'rag' });
  });

  it('reads the reusable prefix from the cache and writes the warm-up prefix', () => {
    const candidate = only(run(analyzePromptCaching, AGENT));
    const reuse = analyzedRequest(AGENT, { input_tokens: 5_000, cacheable_prefix_tokens: 4_096 });
    expect(mustApply(candidate, reuse).usage).toMatchObject({
      cache_read_tokens: 4_096,
      cache_write_tokens: 0,
    });
    const warmUp = analyzedRequest(AGENT, {
      input_tokens: 5_000,
      cacheable_prefix_tokens: 800,
      cache_write_prefix_tokens: 3_000,
    });
    expect(mustApply(candidate, warmUp).usage).toMatchObject({
      cache_read_tokens: 0,
      cache_write_tokens: 3_000,
    });
    expect(applyChange(candidate, analyzedRequest(AGENT, { cacheable_prefix_tokens: 1_000 }))).toBeNull();
  });

  it('never caches more than the input holds', () => {
    const candidate = only(run(analyzePromptCaching, AGENT));
    const partlyCached = analyzedRequest(AGENT, {
      input_tokens: 5_000,
      cache_read_tokens: 1_000,
      cache_write_tokens: 500,
      cacheable_prefix_tokens: 4_800,
      cache_write_prefix_tokens: 2_000,
    });
    expect(mustApply(candidate, partlyCached).usage).toMatchObject({
      cache_read_tokens: 4_500,
      cache_write_tokens: 500,
    });
  });

  it('counts no writes on a model without a cache-write price, and honours the minimum setting', () => {
    const candidate = only(run(analyzePromptCaching, { ...GPT_4O, cacheable_tokens_min_rule: 1_000_000 }));
    const warmUp = analyzedRequest(GPT_4O, { cache_write_prefix_tokens: 3_000 });
    expect(applyChange(candidate, warmUp)).toBeNull();
    const settings = { ...DEFAULT_SETTINGS, minCacheableTokens: 2_048 };
    const strict = only(
      analyzePromptCaching(
        analyzerContext(workloadProfile([{ ...GPT_4O, cacheable_tokens_min_rule: 1_000_000 }]), settings),
      ),
    );
    expect(applyChange(strict, analyzedRequest(GPT_4O, { cacheable_prefix_tokens: 1_500 }))).toBeNull();
    expect(strict.evidence).toMatchObject({ min_cacheable_tokens: 2_048 });
  });

  it('fires at 1% of the segment cost and stays silent just below', () => {
    // 80,000 tokens × $1.25 saved per million = $0.10 = 1% of $10.
    expect(run(analyzePromptCaching, { ...GPT_4O, cacheable_tokens_min_rule: 80_000 })).toHaveLength(1);
    expect(run(analyzePromptCaching, { ...GPT_4O, cacheable_tokens_min_rule: 79_000 })).toEqual([]);
    // Already-cached tokens are not saved twice.
    const cached = { ...GPT_4O, cacheable_tokens_min_rule: 80_000, cache_read_tokens: 1_000 };
    expect(run(analyzePromptCaching, cached)).toEqual([]);
  });

  it('stays silent when write premiums eat the saving', () => {
    const premium = { ...AGENT, cacheable_tokens_min_rule: 1_000_000, cache_write_prefix_tokens: 4_000_000 };
    expect(run(analyzePromptCaching, premium)).toEqual([]);
  });

  it('needs prefix hashes on half the requests and a cache-read price below input', () => {
    const hashes = { ...GPT_4O, cacheable_tokens_min_rule: 1_000_000, with_prefix_hashes_share: 0.5 };
    expect(run(analyzePromptCaching, hashes)).toHaveLength(1);
    expect(run(analyzePromptCaching, { ...hashes, with_prefix_hashes_share: 0.49 })).toEqual([]);
    // gpt-4-turbo has no cache-read price in the catalog.
    const turbo = { ...hashes, model: 'gpt-4-turbo', priced_model: 'gpt-4-turbo' };
    expect(run(analyzePromptCaching, turbo)).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzePromptCaching, segmentProfile())).toEqual([]);
    expect(run(analyzePromptCaching, { ...AGENT, priced_model: '', priced_provider: '' })).toEqual([]);
  });
});
