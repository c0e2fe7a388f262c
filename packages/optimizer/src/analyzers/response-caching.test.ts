import { describe, expect, it } from 'vitest';
import { analyzeResponseCaching } from './response-caching.js';
import { analyzedRequest, applyChange, only, run, segmentProfile } from './test-support.js';

const SUPPORT_BOT = segmentProfile({
  feature: 'support-bot',
  model: 'gpt-4o',
  priced_model: 'gpt-4o',
  repeat_requests: 120,
  repeat_cost_usd: 1.2,
});

describe('response_caching', () => {
  it('reports repeated answers with their count, share, cost and TTL', () => {
    const candidate = only(run(analyzeResponseCaching, SUPPORT_BOT));
    expect(candidate.id).toBe('response_caching:support-bot:openai/gpt-4o');
    expect(candidate.title).toBe('Cache repeated answers of `support-bot` on gpt-4o');
    expect(candidate.scope).toEqual({ feature: 'support-bot', provider: 'openai', model: 'gpt-4o' });
    expect(candidate.evidence).toMatchObject({
      repeat_requests: 120,
      repeat_share: 0.12,
      repeat_cost_usd: 1.2,
      ttl_hours: 24,
    });
    expect(candidate.actions[0]?.snippet).toContain('ttl: 86400');
    expect(candidate.requires_evaluation).toBe(false);
  });

  it('eliminates only the repeats of its own segment', () => {
    const candidate = only(run(analyzeResponseCaching, SUPPORT_BOT));
    const repeat = analyzedRequest(SUPPORT_BOT, { response_repeat: true, status: 'error' });
    expect(applyChange(candidate, repeat)).toMatchObject({ eliminated: true, model: 'gpt-4o' });
    expect(applyChange(candidate, analyzedRequest(SUPPORT_BOT))).toBeNull();
    const elsewhere = analyzedRequest(segmentProfile({ feature: 'other', model: 'gpt-4o' }), {
      response_repeat: true,
    });
    expect(applyChange(candidate, elsewhere)).toBeNull();
  });

  it('fires exactly at the thresholds and stays silent just below each', () => {
    const edge = { ...SUPPORT_BOT, repeat_requests: 10, repeat_cost_usd: 0.1, with_prompt_hash_share: 0.5 };
    expect(run(analyzeResponseCaching, edge)).toHaveLength(1);
    expect(run(analyzeResponseCaching, { ...edge, repeat_requests: 9 })).toEqual([]);
    expect(run(analyzeResponseCaching, { ...edge, repeat_cost_usd: 0.0999 })).toEqual([]);
    expect(run(analyzeResponseCaching, { ...edge, with_prompt_hash_share: 0.49 })).toEqual([]);
  });

  it('stays silent on the clean case, without hashes and on unpriced segments', () => {
    expect(run(analyzeResponseCaching, segmentProfile())).toEqual([]);
    expect(run(analyzeResponseCaching, { ...SUPPORT_BOT, with_prompt_hash_share: 0 })).toEqual([]);
    expect(run(analyzeResponseCaching, { ...SUPPORT_BOT, priced_model: '', priced_provider: '' })).toEqual(
      [],
    );
  });

  it('never takes an aggregated row, which stands for many requests, for one exact repeat', () => {
    const candidate = only(run(analyzeResponseCaching, SUPPORT_BOT));
    const bucket = analyzedRequest(SUPPORT_BOT, {
      response_repeat: true,
      request_count: 12,
      aggregated: true,
    });
    expect(applyChange(candidate, bucket)).toBeNull();
  });
});
