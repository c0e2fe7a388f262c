import { describe, expect, it } from 'vitest';
import { analyzeErrorWaste } from './error-waste.js';
import { analyzedRequest, applyChange, mustApply, only, run, segmentProfile } from './test-support.js';

const EXTRACTOR = segmentProfile({
  feature: 'extractor',
  errors: 60,
  billed_error_cost_usd: 0.6,
  retried_errors: 45,
});

describe('error_waste', () => {
  it('reports billed failures with their counts and cost', () => {
    const candidate = only(run(analyzeErrorWaste, EXTRACTOR));
    expect(candidate.id).toBe('error_waste:extractor:openai/gpt-4o-mini');
    expect(candidate.evidence).toMatchObject({
      errors: 60,
      error_share: 0.06,
      billed_error_cost_usd: 0.6,
      retried_errors: 45,
    });
    expect(candidate.actions[0]?.detail).toContain('60 of 1,000 requests failed');
    expect(candidate.actions[0]?.snippet).toContain('BadRequestErrorRetries: 0');
  });

  it('eliminates billed failures only', () => {
    const candidate = only(run(analyzeErrorWaste, EXTRACTOR));
    expect(mustApply(candidate, analyzedRequest(EXTRACTOR, { status: 'error' })).eliminated).toBe(true);
    expect(applyChange(candidate, analyzedRequest(EXTRACTOR, { status: 'error', cost_usd: 0 }))).toBeNull();
    expect(
      applyChange(candidate, analyzedRequest(EXTRACTOR, { status: 'error', cost_usd: null })),
    ).toBeNull();
    expect(applyChange(candidate, analyzedRequest(EXTRACTOR))).toBeNull();
  });

  it('fires at 5 errors and 1% of the segment cost, and stays silent just below', () => {
    const edge = { ...EXTRACTOR, errors: 5, billed_error_cost_usd: 0.1 };
    expect(run(analyzeErrorWaste, edge)).toHaveLength(1);
    expect(run(analyzeErrorWaste, { ...edge, errors: 4 })).toEqual([]);
    expect(run(analyzeErrorWaste, { ...edge, billed_error_cost_usd: 0.0999 })).toEqual([]);
  });

  it('fires when every request fails', () => {
    const broken = { ...EXTRACTOR, errors: 1_000, billed_error_cost_usd: 10 };
    expect(only(run(analyzeErrorWaste, broken)).evidence).toMatchObject({ error_share: 1 });
  });

  it('stays silent on the clean case and on unpriced segments', () => {
    expect(run(analyzeErrorWaste, segmentProfile())).toEqual([]);
    expect(
      run(analyzeErrorWaste, { ...EXTRACTOR, priced_model: '', priced_provider: '', cost_usd: 0 }),
    ).toEqual([]);
  });
});
