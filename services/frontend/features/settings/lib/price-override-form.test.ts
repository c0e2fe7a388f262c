import { describe, expect, it } from 'vitest';
import {
  EMPTY_OVERRIDE,
  amountErrors,
  describeOverride,
  describeRange,
  formValuesOf,
  overrideBody,
} from './price-override-form';

const record = (override: Record<string, unknown>, from: string | null = null, to: string | null = null) => ({
  id: '1',
  override,
  effective_from: from,
  effective_to: to,
  created_by: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

describe('overrideBody', () => {
  it('builds a model price with only the prices given, and open ends', () => {
    const body = overrideBody({
      ...EMPTY_OVERRIDE,
      model: ' ft:gpt-4o ',
      input_mtok: '2.5',
      output_mtok: '10',
    });
    expect(body).toEqual({
      override: { kind: 'model_price', model: 'ft:gpt-4o', prices: { input_mtok: 2.5, output_mtok: 10 } },
      effective_from: null,
      effective_to: null,
    });
  });

  it('keeps text that is not a number, so the backend names its field', () => {
    const body = overrideBody({ ...EMPTY_OVERRIDE, model: 'm', input_mtok: 'cheap' });
    expect(body.override).toMatchObject({ prices: { input_mtok: 'cheap' } });
  });

  it('builds an alias and a discount with a range', () => {
    expect(
      overrideBody({ ...EMPTY_OVERRIDE, kind: 'alias', model: 'my-deploy', target_model: 'gpt-4o-mini' })
        .override,
    ).toEqual({ kind: 'alias', model: 'my-deploy', target: { model: 'gpt-4o-mini' } });
    const discount = overrideBody({
      ...EMPTY_OVERRIDE,
      kind: 'discount',
      percent: '15',
      provider: 'openai',
      effective_from: '2026-03-01',
    });
    expect(discount).toEqual({
      override: { kind: 'discount', percent: 15, provider: 'openai' },
      effective_from: '2026-03-01T00:00:00.000Z',
      effective_to: null,
    });
  });
});

describe('describeOverride and describeRange', () => {
  it('reads each kind as a sentence', () => {
    expect(
      describeOverride(
        record({ kind: 'model_price', model: 'm', prices: { input_mtok: 1, output_mtok: 2 } }),
      ),
    ).toBe('m: input $1, output $2 per million tokens');
    expect(describeOverride(record({ kind: 'alias', model: 'a', target: { model: 'b' } }))).toBe(
      'a is priced as b',
    );
    expect(describeOverride(record({ kind: 'discount', percent: 10 }))).toBe('10% off everything');
  });

  it('reads open and closed ranges', () => {
    expect(describeRange(record({}))).toBe('Always');
    expect(describeRange(record({}, '2026-01-01T00:00:00Z'))).toBe('From 2026-01-01');
    expect(describeRange(record({}, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'))).toBe(
      'From 2026-01-01 until 2026-02-01',
    );
    expect(describeRange(record({}, null, '2026-02-01T00:00:00Z'))).toBe('Until 2026-02-01');
  });
});

describe('amountErrors', () => {
  it('names the amounts of the chosen kind that are not numbers', () => {
    expect(amountErrors({ ...EMPTY_OVERRIDE, input_mtok: 'cheap', percent: 'x' })).toEqual({
      input_mtok: 'Enter dollars as a number, e.g. 2.50',
    });
    expect(amountErrors({ ...EMPTY_OVERRIDE, kind: 'discount', percent: 'x' })).toEqual({
      percent: 'Enter a number, e.g. 15',
    });
    expect(amountErrors({ ...EMPTY_OVERRIDE, input_mtok: '2.5', output_mtok: '' })).toEqual({});
  });
});

describe('formValuesOf', () => {
  it('reads each kind back into the form, so that saving unchanged sends the same override', () => {
    const overrides = [
      record(
        {
          kind: 'model_price',
          model: 'ft:gpt-4o:acme',
          match: 'exact',
          prices: { input_mtok: 2.5, output_mtok: 10 },
        },
        '2026-01-01T00:00:00.000Z',
      ),
      record({ kind: 'alias', model: 'my-gpt', provider: 'azure', target: { model: 'gpt-4o-mini' } }),
      record({ kind: 'discount', percent: 12.5, provider: 'openai' }, null, '2026-03-01T00:00:00.000Z'),
    ];
    for (const stored of overrides) {
      const values = formValuesOf(stored);
      expect(values).toBeDefined();
      const body = overrideBody(values ?? EMPTY_OVERRIDE);
      const { match: _match, ...sent } = stored.override;
      expect(body).toEqual({
        override: sent,
        effective_from: stored.effective_from,
        effective_to: stored.effective_to,
      });
    }
    expect(formValuesOf(overrides[0] ?? record({}))).toMatchObject({
      kind: 'model_price',
      input_mtok: '2.5',
      output_mtok: '10',
      cache_read_mtok: '',
      effective_from: '2026-01-01',
      effective_to: '',
    });
  });

  it('offers no form for what it cannot show: tiered, batch or extra prices, prefix matching, a range end inside a day', () => {
    const price = { kind: 'model_price', model: 'm', prices: { input_mtok: 1 } };
    expect(formValuesOf(record(price))).toBeDefined();
    expect(formValuesOf(record({ ...price, prices: { input_mtok: { tiers: [] } } }))).toBeUndefined();
    expect(
      formValuesOf(record({ ...price, prices: { input_mtok: 1, cache_write_mtok: 2 } })),
    ).toBeUndefined();
    expect(formValuesOf(record({ ...price, batchPrices: { input_mtok: 0.5 } }))).toBeUndefined();
    expect(formValuesOf(record({ ...price, match: 'prefix' }))).toBeUndefined();
    expect(formValuesOf(record(price, '2026-01-01T12:00:00.000Z'))).toBeUndefined();
    expect(formValuesOf(record({ kind: 'something_new', model: 'm' }))).toBeUndefined();
  });
});
