import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from '#pricing/price-catalog.js';
import { candidate, chunks, eliminate, request, toBatch } from './engine-fixtures.js';
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import { measure, segmentKey } from './quantify.js';

const catalog = createPriceCatalog();
/** Proven: high confidence and nothing to evaluate. */
const provenOne = <T extends object>(item: T) => ({ ...item, confidence: 'high' as const });
const repeatOnly = (r: { response_repeat: boolean }) => r.response_repeat;
const always = () => true;

describe('measure', () => {
  it('re-prices each request under each change alone: 1M gpt-4o input tokens cost $2.50, $1.25 in batch', async () => {
    const batch = candidate('batch_api', always, toBatch);
    const result = await measure(chunks([request(), request()]), catalog, [batch]);
    expect(result.baseline).toBeCloseTo(5, 9);
    expect(result.individual.get(batch.id)).toBeCloseTo(2.5, 9);
    expect(result.plan).toBeCloseTo(2.5, 9);
  });

  it('never counts overlapping savings twice: a repeat served from cache saves its cost once', async () => {
    const caching = candidate('response_caching', repeatOnly, eliminate);
    const batch = candidate('batch_api', always, toBatch);
    const requests = [request(), request({ response_repeat: true })];
    const result = await measure(chunks(requests), catalog, [batch, caching]);
    expect(result.individual.get(caching.id)).toBeCloseTo(2.5, 9);
    expect(result.individual.get(batch.id)).toBeCloseTo(2.5, 9);
    // Individually they add up to $5 of $5; together the repeat disappears and only the first is batched.
    expect(result.plan).toBeCloseTo(2.5 + 1.25, 9);
  });

  it('clamps a request to [0, its cost]: a change that costs more saves nothing', async () => {
    const pricier = candidate('model_rightsizing', always, (bill) => ({ ...bill, model: 'gpt-4-turbo' }));
    const result = await measure(chunks([request()]), catalog, [pricier]);
    expect(result.individual.get(pricier.id)).toBe(0);
    expect(result.plan).toBe(0);
  });

  it('composes changes in CHANGE_ORDER whatever order the candidates come in', async () => {
    const smaller = candidate('model_rightsizing', always, (bill) => ({ ...bill, model: 'gpt-4o-mini' }));
    const batch = candidate('batch_api', always, toBatch);
    const result = await measure(chunks([request()]), catalog, [batch, smaller]);
    // gpt-4o-mini input is $0.15/M, batched $0.075/M.
    expect(result.plan).toBeCloseTo(2.5 - 0.075, 9);
  });

  it('skips unpriced requests and a change whose new model cannot be priced', async () => {
    const unknownModel = candidate('provider_arbitrage', always, (bill) => ({
      ...bill,
      model: 'no-such-model-x',
    }));
    const unpriced = request({ cost_usd: null, priced_model: '', priced_provider: '' });
    const result = await measure(chunks([unpriced, request()]), catalog, [unknownModel]);
    expect(result.baseline).toBeCloseTo(2.5, 9);
    expect(result.individual.get(unknownModel.id)).toBe(0);
  });

  it('measures the plan over a subset of the measured candidates', async () => {
    const caching = candidate('response_caching', repeatOnly, eliminate);
    const batch = candidate('batch_api', always, toBatch);
    const requests = [request(), request({ response_repeat: true })];
    const result = await measure(
      chunks(requests.slice(0, 1), requests.slice(1)),
      catalog,
      [caching, batch],
      [caching],
    );
    expect(result.plan).toBeCloseTo(2.5, 9);
    expect(result.individual.get(batch.id)).toBeCloseTo(2.5, 9);
  });

  it('answers zero for an empty stream', async () => {
    const result = await measure(chunks(), catalog, [candidate('error_waste', always, eliminate)]);
    expect(result).toMatchObject({ plan: 0, proven: 0, baseline: 0 });
  });
});

describe('measure: the proven part of the plan', () => {
  const requests = [request(), request({ response_repeat: true })];

  it('re-prices the proven changes together in the same pass, and never above the plan', async () => {
    const caching = provenOne(candidate('response_caching', repeatOnly, eliminate));
    const batch = provenOne(candidate('batch_api', always, toBatch));
    const smaller = candidate('model_rightsizing', always, (bill) => ({ ...bill, model: 'gpt-4o-mini' }));
    const result = await measure(chunks(requests), catalog, [caching, batch, smaller]);
    // Proven: the repeat is served from cache, the first request batched.
    expect(result.proven).toBeCloseTo(2.5 + 1.25, 9);
    // The plan also moves the first request to gpt-4o-mini batched ($0.075).
    expect(result.plan).toBeCloseTo(5 - 0.075, 9);
    expect(result.proven).toBeLessThanOrEqual(result.plan);
  });

  it('leaves out changes that need an evaluation and low-confidence ones', async () => {
    const evaluated = {
      ...provenOne(candidate('model_rightsizing', always, (bill) => ({ ...bill, model: 'gpt-4o-mini' }))),
      requires_evaluation: true,
    };
    const trimming = { ...candidate('context_trimming', always, toBatch), confidence: 'low' as const };
    const result = await measure(chunks(requests), catalog, [evaluated, trimming]);
    expect(result.plan).toBeGreaterThan(0);
    expect(result.proven).toBe(0);
  });

  it('equals the plan when every chosen change is proven', async () => {
    const caching = provenOne(candidate('response_caching', repeatOnly, eliminate));
    const errors = provenOne(candidate('error_waste', always, eliminate));
    const result = await measure(chunks(requests), catalog, [caching, errors]);
    expect(result.proven).toBe(result.plan);
  });

  it('counts a proven change at most what the whole plan saves on a request', async () => {
    // A made-up lever that makes the request dearer after the batch discount: the plan saves less.
    const batch = provenOne(candidate('batch_api', always, toBatch));
    const dearer = candidate('provider_arbitrage', always, (bill) => ({ ...bill, model: 'gpt-4-turbo' }));
    const result = await measure(chunks([request()]), catalog, [batch, dearer]);
    // gpt-4-turbo batched is $5/M against $2.50/M: the plan saves nothing, batch alone would save $1.25.
    expect(result.plan).toBe(0);
    expect(result.proven).toBe(0);
  });
});

describe('measure by segment', () => {
  const requests = [
    request({ feature: 'chat' }),
    request({ feature: 'chat', response_repeat: true }),
    request({ feature: 'summaries' }),
    request({ feature: 'summaries', response_repeat: true }),
  ];
  // A scope that leaves the feature open covers the segments of every feature.
  const batch = candidate('batch_api', always, toBatch, { provider: 'openai', model: 'gpt-4o' });
  const caching = candidate('response_caching', repeatOnly, eliminate, {
    feature: 'summaries',
    provider: 'openai',
    model: 'gpt-4o',
  });

  it('records the plan per segment and the segments each change applied to', async () => {
    const result = await measure(chunks(requests), catalog, [batch, caching]);
    const bySegment = [...result.planBySegment.values()];
    expect(bySegment.map((sums) => sums.segment.feature)).toEqual(['chat', 'summaries']);
    expect(bySegment.reduce((sum, sums) => sum + sums.plan, 0)).toBeCloseTo(result.plan, 12);
    expect([...(result.touched.get(caching.id) ?? [])]).toEqual([segmentKey(requests[2] as AnalyzedRequest)]);
    expect(result.touched.get(batch.id)?.size).toBe(2);
  });

  it('asks a request only the candidates whose scope covers its segment', async () => {
    const chatOnly = candidate('batch_api', always, toBatch, {
      feature: 'chat',
      provider: 'openai',
      model: 'gpt-4o',
    });
    const result = await measure(chunks(requests), catalog, [chatOnly]);
    expect([...(result.touched.get(chatOnly.id) ?? [])]).toEqual([
      segmentKey(requests[0] as AnalyzedRequest),
    ]);
    // Two chat requests of $2.50, batched at half price.
    expect(result.individual.get(chatOnly.id)).toBeCloseTo(2.5, 9);
    expect(result.plan).toBeCloseTo(2.5, 9);
  });

  it('re-measuring only the segments a dropped change touched gives the plan of the rest measured on everything', async () => {
    const first = await measure(chunks(requests), catalog, [batch, caching]);
    const affected = first.touched.get(caching.id) ?? new Set<string>();
    const second = await measure(chunks(requests), catalog, [], [batch], affected);
    const kept = [...first.planBySegment].filter(([key]) => !affected.has(key));
    const combined = kept.reduce((sum, [, sums]) => sum + sums.plan, second.plan);
    const everything = await measure(chunks(requests), catalog, [], [batch]);
    expect(combined).toBeCloseTo(everything.plan, 12);
    expect(second.baseline).toBeCloseTo(first.baseline / 2, 12);
  });
});
