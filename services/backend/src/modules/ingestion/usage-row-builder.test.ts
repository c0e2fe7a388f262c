import { parseUsageEvent, type UsageEvent } from '@netra/shared';
import { createPriceCatalog } from '@netra/optimizer';
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';
import { buildUsageRow, EventIdDeriver } from './usage-row-builder.js';

const catalog = createPriceCatalog();
const stableStringify = configure({ deterministic: true });
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

  it('keeps the reported cost next to its own, and prices with the catalog where it can', () => {
    const row = buildUsageRow(event({ ...base, cost_usd: 1.23 }), catalog, context);
    expect(row.reported_cost_usd).toBe(1.23);
    expect(row.cost_source).toBe('catalog');
    expect(row.cost_usd).not.toBe(1.23);
  });

  it('uses the stated cost, flagged, where the catalog cannot price the model', () => {
    const row = buildUsageRow(
      event({ ...base, model: 'my-private-model-v9', cost_usd: 0.42 }),
      catalog,
      context,
    );
    expect(row).toMatchObject({ cost_usd: 0.42, reported_cost_usd: 0.42, cost_source: 'reported' });
  });

  it('leaves a model the catalog cannot price and the source states no cost for unpriced', () => {
    const row = buildUsageRow(event({ ...base, model: 'my-private-model-v9' }), catalog, context);
    expect(row).toMatchObject({ cost_usd: null, reported_cost_usd: null, cost_source: '' });
  });

  it('carries an aggregated record: request count, bucket end, 1-hour writes, web searches', () => {
    const row = buildUsageRow(
      event({
        ...base,
        model: 'claude-sonnet-4-5',
        request_count: 53,
        period_end: '2026-11-02T10:00:00Z',
        cache_write_tokens: 5_000,
        cache_write_1h_tokens: 2_000,
        web_search_requests: 4,
      }),
      catalog,
      context,
    );
    expect(row).toMatchObject({
      request_count: 53,
      period_end: new Date('2026-11-02T10:00:00Z'),
      cache_write_1h_tokens: 2_000,
      web_search_requests: 4,
      cost_source: 'catalog',
    });
  });

  it('prices 1-hour cache writes and web searches at their own rates', () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 0, cache_write_tokens: 1_000_000 };
    const record = { ...base, ...usage, model: 'claude-sonnet-4-20250514', cache_write_1h_tokens: 1_000_000 };
    const row = buildUsageRow(event({ ...record, web_search_requests: 1_000 }), catalog, context);
    // 1,000,000 1-hour writes x $6/M (not the 5-minute $3.75/M) + 1,000 searches x $10/1,000.
    expect(row.cost_usd).toBeCloseTo(6 + 10, 12);
  });

  it('stores a request-level record as one request with no bucket end', () => {
    const row = buildUsageRow(event(base), catalog, context);
    expect(row).toMatchObject({
      request_count: 1,
      period_end: null,
      cache_write_1h_tokens: 0,
      web_search_requests: 0,
    });
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

  it('keeps the key a request-level record had before the aggregate fields existed', () => {
    // sha256 of the record as hashed before request_count, period_end, cache_write_1h_tokens and
    // web_search_requests were added: re-sending an old file must find its events already stored.
    const id = new EventIdDeriver().idFor(event(base));
    const {
      event_id: _none,
      request_count: _r,
      cache_write_1h_tokens: _c,
      web_search_requests: _w,
      ...old
    } = event(base);
    expect(id).toBe(`sha256:${createHash('sha256').update(stableStringify(old)).digest('hex').slice(0, 40)}`);
  });

  it('tells aggregated rows apart by every field: request count, bucket end, attribution', () => {
    const ids = new EventIdDeriver();
    const bucket = { ...base, period_end: '2026-11-02T10:00:00Z', request_count: 5 };
    const keys = [
      ids.idFor(event(bucket)),
      ids.idFor(event({ ...bucket, request_count: 6 })),
      ids.idFor(event({ ...bucket, period_end: '2026-11-01T11:00:00Z' })),
      ids.idFor(event({ ...bucket, metadata: { project_name: 'b' } })),
      ids.idFor(event({ ...bucket, web_search_requests: 1 })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((key) => !key.includes('#'))).toBe(true);
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
