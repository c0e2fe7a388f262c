import type { Candidate, ChangeRule, PriceCatalog, RequestBill } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import { testCandidate } from '#test-support/test-candidates.js';
import { measureSegments } from './measure-segments.js';

const SEGMENT = { feature: 'chat', provider: 'openai', model: 'gpt-4o' };
const catalog = {} as PriceCatalog;

function candidate(
  kind: Candidate['kind'],
  rule: ChangeRule | undefined,
  overrides: Partial<Candidate> = {},
): Candidate {
  const change = { kind, applies: () => true, apply: (bill: RequestBill) => bill };
  return testCandidate(SEGMENT, rule === undefined ? change : { ...change, rule }, overrides);
}

const batch = candidate('batch_api', { type: 'batch' });
const rightsizing = candidate('model_rightsizing', { type: 'reroute', model: 'gpt-4o-mini' });
const arbitrage = candidate('provider_arbitrage', { type: 'reroute', provider: 'azure', model: 'gpt-4o' });

describe('measureSegments: what the measuring query can express', () => {
  it('numbers the segments and keeps each change with its roles, kinds in change order', () => {
    const unproven = candidate(
      'model_rightsizing',
      { type: 'reroute', model: 'gpt-4o-mini' },
      { confidence: 'medium' },
    );
    const plan = measureSegments({ catalog, measured: [batch, unproven], planned: [batch, unproven] });
    expect(plan?.kinds).toEqual(['model_rightsizing', 'batch_api']);
    const entry = [...(plan?.segments.values() ?? [])][0];
    expect(entry?.index).toBe(1);
    expect(entry?.byKind.get('batch_api')).toMatchObject({ measured: true, planned: true, proven: true });
    expect(entry?.byKind.get('model_rightsizing')).toMatchObject({ planned: true, proven: false });
  });

  it('accepts a reroute that keeps the provider before one that changes it (change order)', () => {
    expect(measureSegments({ catalog, measured: [], planned: [arbitrage, rightsizing] })).toBeDefined();
  });

  it('falls back when a change has no rule', () => {
    const ruleless = candidate('batch_api', undefined);
    expect(measureSegments({ catalog, measured: [ruleless], planned: [] })).toBeUndefined();
  });

  it('falls back when a candidate scope is not one segment', () => {
    const wide = candidate('batch_api', { type: 'batch' }, { scope: { feature: 'chat' } });
    expect(measureSegments({ catalog, measured: [], planned: [wide] })).toBeUndefined();
  });

  it('falls back when a segment has two changes of one kind', () => {
    const other = candidate('batch_api', { type: 'batch' }, { id: 'another' });
    expect(measureSegments({ catalog, measured: [batch, other], planned: [] })).toBeUndefined();
  });

  it('falls back when the rules of one kind differ in type', () => {
    const elsewhere = { feature: 'search', provider: 'openai', model: 'gpt-4o' };
    const trim = candidate('context_trimming', { type: 'trim_input', budget: 1000 });
    const cap = candidate(
      'context_trimming',
      { type: 'cap_output', cap: 100 },
      { scope: elsewhere, id: 'x' },
    );
    expect(measureSegments({ catalog, measured: [trim, cap], planned: [] })).toBeUndefined();
  });

  it('falls back when a reroute keeping the provider would follow one that changed it', () => {
    const changesProvider = candidate('model_rightsizing', {
      type: 'reroute',
      provider: 'azure',
      model: 'gpt-4o',
    });
    const keepsProvider = candidate('provider_arbitrage', { type: 'reroute', model: 'gpt-4o-mini' });
    expect(
      measureSegments({ catalog, measured: [], planned: [changesProvider, keepsProvider] }),
    ).toBeUndefined();
  });
});
