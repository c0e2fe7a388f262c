import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from '#pricing/price-catalog.js';
import { candidate, chunks, eliminate, request, toBatch } from './engine-fixtures.js';
import { measure } from './quantify.js';

const catalog = createPriceCatalog();
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
    expect(result).toMatchObject({ plan: 0, baseline: 0 });
  });
});
