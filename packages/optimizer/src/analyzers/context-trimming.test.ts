import { describe, expect, it } from 'vitest';
import { analyzeContextTrimming, contextBudget } from './context-trimming.js';
import { analyzedRequest, applyChange, mustApply, only, run, segmentProfile } from './test-support.js';

const CHAT = segmentProfile({ feature: 'chat', input_p50: 1_800, input_p90: 9_000, sessions: 100 });

describe('contextBudget', () => {
  it('is 2 × p50 rounded up to a multiple of 256', () => {
    expect(contextBudget(1_800)).toBe(3_840);
    expect(contextBudget(1_024)).toBe(2_048);
    expect(contextBudget(1_000)).toBe(2_048);
  });
});

describe('context_trimming', () => {
  it('reports growing prompts with the budget, marked for evaluation', () => {
    const candidate = only(run(analyzeContextTrimming, CHAT));
    expect(candidate.id).toBe('context_trimming:chat:openai/gpt-4o-mini');
    expect(candidate.requires_evaluation).toBe(true);
    expect(candidate.evidence).toMatchObject({
      input_p50: 1_800,
      input_p90: 9_000,
      input_p90_over_p50: 5,
      proposed_input_budget: 3_840,
      requests_per_session: 10,
    });
    expect(candidate.actions[0]?.snippet).toContain('INPUT_BUDGET_TOKENS = 3840');
  });

  it('trims uncached tokens first and scales cached ones only past the budget', () => {
    const candidate = only(run(analyzeContextTrimming, CHAT));
    const cachedPrefix = analyzedRequest(CHAT, { input_tokens: 10_000, cache_read_tokens: 3_000 });
    expect(mustApply(candidate, cachedPrefix).usage).toMatchObject({
      input_tokens: 3_840,
      cache_read_tokens: 3_000,
      cache_write_tokens: 0,
    });
    const mostlyCached = analyzedRequest(CHAT, {
      input_tokens: 10_000,
      cache_read_tokens: 6_000,
      cache_write_tokens: 2_000,
    });
    const usage = mustApply(candidate, mostlyCached).usage;
    expect(usage).toMatchObject({ input_tokens: 3_840, cache_read_tokens: 2_880, cache_write_tokens: 960 });
    expect(usage.cache_read_tokens + usage.cache_write_tokens).toBeLessThanOrEqual(usage.input_tokens);
    expect(applyChange(candidate, analyzedRequest(CHAT, { input_tokens: 3_840 }))).toBeNull();
  });

  it('fires at the thresholds and stays silent just below', () => {
    const edge = { ...CHAT, input_p50: 1_000, input_p90: 3_000 };
    expect(run(analyzeContextTrimming, edge)).toHaveLength(1);
    expect(run(analyzeContextTrimming, { ...edge, input_p50: 999, input_p90: 2_997 })).toEqual([]);
    expect(run(analyzeContextTrimming, { ...edge, input_p90: 2_999 })).toEqual([]);
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeContextTrimming, segmentProfile())).toEqual([]);
    expect(run(analyzeContextTrimming, { ...CHAT, priced_model: '', priced_provider: '' })).toEqual([]);
  });

  it('reads no growth from usage-report buckets, and never trims an aggregated row', () => {
    expect(run(analyzeContextTrimming, { ...CHAT, aggregated_share: 0.9 })).toEqual([]);
    const candidate = only(run(analyzeContextTrimming, { ...CHAT, aggregated_share: 0.1 }));
    const bucket = analyzedRequest(CHAT, { input_tokens: 90_000, request_count: 10, aggregated: true });
    expect(applyChange(candidate, bucket)).toBeNull();
    expect(mustApply(candidate, analyzedRequest(CHAT, { input_tokens: 9_000 })).usage.input_tokens).toBe(
      3_840,
    );
  });
});
