import { describe, expect, it } from 'vitest';
import type { Candidate } from '#analysis/candidate.js';
import { CHANGE_ORDER } from '#analysis/change.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import { usageProblem } from '#pricing/cost-engine.js';
import { OPPORTUNITY_KINDS } from '#report-contract.js';
import { opportunitySchema } from '@netra/shared/contracts';
import { ANALYZERS } from './index.js';
import { analyzedRequest, analyzerContext, billOf, segmentProfile, workloadProfile } from './test-support.js';

function analyzeAll(...segments: SegmentProfile[]): Candidate[] {
  const context = analyzerContext(workloadProfile(segments));
  return ANALYZERS.flatMap((analyzer) => analyzer(context));
}

const kinds = (candidates: Candidate[]) => candidates.map((candidate) => candidate.kind).sort();

/** A segment on gpt-4o that plants every lever but provider arbitrage. */
const EVERYTHING = segmentProfile({
  feature: 'everything',
  model: 'gpt-4o',
  priced_model: 'gpt-4o',
  errors: 50,
  billed_error_cost_usd: 1,
  retried_errors: 10,
  output_tokens: 1_000_000,
  reasoning_tokens: 900_000,
  input_p50: 2_000,
  input_p90: 8_000,
  output_p90: 100,
  output_p99: 400,
  output_max: 500,
  max_tokens_share: 0,
  stream_share: 0,
  offline_share: 1,
  repeat_requests: 100,
  repeat_cost_usd: 1,
  cacheable_tokens: 1_000_000,
  cacheable_tokens_min_rule: 1_000_000,
});
/** gpt-oss-120b on Groq ($0.15 / $0.60): OpenAI lists it at $0.039 / $0.18. */
const OPEN_WEIGHTS = segmentProfile({
  feature: 'open-weights',
  provider: 'groq',
  model: 'openai/gpt-oss-120b',
  priced_provider: 'groq',
  priced_model: 'openai/gpt-oss-120b',
});

describe('ANALYZERS', () => {
  it('has one analyzer per opportunity kind', () => {
    expect(ANALYZERS).toHaveLength(OPPORTUNITY_KINDS.length);
    expect(kinds(analyzeAll(EVERYTHING, OPEN_WEIGHTS))).toEqual([...OPPORTUNITY_KINDS].sort());
  });

  it('builds candidates that satisfy the report schema, with unique ids and matching change kinds', () => {
    const candidates = analyzeAll(EVERYTHING, OPEN_WEIGHTS);
    expect(new Set(candidates.map((candidate) => candidate.id)).size).toBe(candidates.length);
    for (const { change, ...candidate } of candidates) {
      expect(change.kind).toBe(candidate.kind);
      const parsed = opportunitySchema.safeParse({
        ...candidate,
        monthly_savings_usd: 0,
        savings_pct_of_baseline: 0,
      });
      expect(parsed.success, candidate.id).toBe(true);
    }
  });

  it('names requests without a feature by their model, never as an empty `` feature', () => {
    const candidates = analyzeAll({ ...EVERYTHING, feature: '' }, { ...OPEN_WEIGHTS, feature: '' });
    expect(kinds(candidates)).toEqual([...OPPORTUNITY_KINDS].sort());
    for (const candidate of candidates) {
      const texts = [
        candidate.title,
        ...candidate.actions.flatMap((action) => [action.title, action.detail]),
      ];
      expect(
        texts.filter((text) => text.includes('``')),
        candidate.id,
      ).toEqual([]);
      expect(candidate.title, candidate.id).toMatch(/(gpt-4o|gpt-oss-120b) traffic without a feature/);
      for (const action of candidate.actions) {
        expect(action.snippet ?? '', candidate.id).not.toMatch(/"-\d|"-model"|prompt_cache_key": ""/);
      }
    }
    const trimming = candidates.find((candidate) => candidate.kind === 'context_trimming');
    expect(trimming?.title).toMatch(
      /^Trim the context of gpt-4o traffic without a feature to [\d,]+ tokens$/,
    );
  });

  it('composes every change in CHANGE_ORDER into a valid bill', () => {
    const candidates = analyzeAll(EVERYTHING).sort(
      (a, b) => CHANGE_ORDER.indexOf(a.kind) - CHANGE_ORDER.indexOf(b.kind),
    );
    const request = analyzedRequest(EVERYTHING, {
      input_tokens: 9_000,
      output_tokens: 900,
      reasoning_tokens: 800,
      cache_read_tokens: 1_000,
      cacheable_prefix_tokens: 6_000,
    });
    const original = billOf(request);
    const bill = candidates.reduce(
      (current, candidate) =>
        candidate.change.applies(request) ? candidate.change.apply(current, request) : current,
      original,
    );
    expect(usageProblem(bill.usage)).toBeUndefined();
    expect(bill).toMatchObject({ model: 'gpt-4o-mini', batch: true });
    expect(original).toEqual(billOf(request));
  });

  it('finds nothing in an empty profile', () => {
    expect(analyzeAll()).toEqual([]);
  });

  it('finds nothing in a clean feature', () => {
    expect(analyzeAll(segmentProfile())).toEqual([]);
  });

  it('claims no dollars for unpriced segments', () => {
    expect(analyzeAll({ ...EVERYTHING, priced_provider: '', priced_model: '', cost_usd: 0 })).toEqual([]);
    expect(analyzeAll({ ...OPEN_WEIGHTS, priced_provider: '', priced_model: '' })).toEqual([]);
  });

  it('makes no caching claims without hashes', () => {
    const noHashes = { ...EVERYTHING, with_prompt_hash_share: 0, with_prefix_hashes_share: 0 };
    const found = kinds(analyzeAll(noHashes));
    expect(found).not.toContain('response_caching');
    expect(found).not.toContain('prompt_caching');
    expect(found).toHaveLength(6);
  });

  it('infers no batch work from hours on one day of data', () => {
    const oneDay = {
      ...EVERYTHING,
      offline_share: 0,
      active_days: 1,
      hours: [0, 0, 1_000, ...new Array<number>(21).fill(0)],
    };
    expect(kinds(analyzeAll(oneDay))).not.toContain('batch_api');
    expect(kinds(analyzeAll({ ...oneDay, active_days: 2 }))).toContain('batch_api');
  });

  it('reports only error waste when every request fails', () => {
    const failing = { ...EVERYTHING, errors: 1_000, billed_error_cost_usd: 10 };
    expect(kinds(analyzeAll(failing))).toEqual(['error_waste']);
  });
});
