import { parseUsageEvent, type UsageEvent } from '@netra/shared';
import { createPriceCatalog } from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import { buildUsageRow, EventIdDeriver } from './usage-row-builder.js';

const catalog = createPriceCatalog();
const context = {
  orgId: 'org-1',
  ids: new EventIdDeriver(),
  source: 'rest',
  storePrompts: false,
  ingestedAt: new Date('2026-11-02T00:00:00Z'),
};

function event(record: Record<string, unknown>): UsageEvent {
  const parsed = parseUsageEvent(record, 0);
  if (!parsed.ok) {
    throw new Error(parsed.rejection.reason);
  }
  return parsed.event;
}

const base = {
  timestamp: '2026-11-01T10:00:00Z',
  model: 'gpt-4o',
  input_tokens: 1_000_000,
  output_tokens: 100_000,
};

describe('buildUsageRow', () => {
  it('prices the event with the catalog and infers the provider', () => {
    const row = buildUsageRow(event(base), catalog, context);
    const expected = catalog.price({ model: 'gpt-4o', usage: { ...row } }).costUsd;
    expect(row.cost_usd).toBeCloseTo(expected ?? Number.NaN, 12);
    expect(row.cost_usd).toBeGreaterThan(0);
    expect(row).toMatchObject({
      provider: 'openai',
      priced_provider: 'openai',
      org_id: 'org-1',
      source: 'rest',
    });
  });

  it('keeps an unknown model unpriced (null), never $0', () => {
    const row = buildUsageRow(event({ ...base, model: 'my-private-model-v9' }), catalog, context);
    expect(row.cost_usd).toBeNull();
    expect(row.priced_model).toBe('');
    expect(row.provider).toBe('unknown');
  });

  it('keeps the reported cost next to its own', () => {
    const row = buildUsageRow(event({ ...base, cost_usd: 1.23 }), catalog, context);
    expect(row.reported_cost_usd).toBe(1.23);
  });

  it('stores prompt text only when the organization allows it', () => {
    const withPrompt = event({ ...base, prompt: 'Summarize this' });
    expect(buildUsageRow(withPrompt, catalog, context).prompt).toBe('');
    expect(buildUsageRow(withPrompt, catalog, { ...context, storePrompts: true }).prompt).toBe(
      'Summarize this',
    );
  });

  it('uses the client event_id when given', () => {
    expect(buildUsageRow(event({ ...base, event_id: 'abc' }), catalog, context).event_id).toBe('abc');
  });
});

describe('EventIdDeriver', () => {
  it('gives the same key to the same record whatever the key order or timestamp spelling', () => {
    const a = event({ model: 'gpt-4o', timestamp: '2026-11-01T10:00:00Z', input_tokens: 5, feature: 'x' });
    const b = event({
      feature: 'x',
      input_tokens: 5,
      timestamp: Date.parse('2026-11-01T10:00:00Z'),
      model: 'gpt-4o',
    });
    expect(new EventIdDeriver().idFor(a)).toBe(new EventIdDeriver().idFor(b));
  });

  it('gives different keys when any field differs', () => {
    const ids = new EventIdDeriver();
    const a = ids.idFor(event({ ...base, feature: 'x' }));
    expect(a).not.toBe(ids.idFor(event({ ...base, feature: 'y' })));
    expect(a).toMatch(/^sha256:[0-9a-f]{40}$/);
  });

  it('keeps identical records of one upload apart, repeatably', () => {
    const record = event(base);
    const first = new EventIdDeriver();
    const again = new EventIdDeriver();
    const keys = [first.idFor(record), first.idFor(record), first.idFor(record)];
    expect(new Set(keys).size).toBe(3);
    expect(keys[1]).toBe(`${keys[0]}#2`);
    expect([again.idFor(record), again.idFor(record), again.idFor(record)]).toEqual(keys);
  });
});
