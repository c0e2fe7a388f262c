/**
 * Price overrides on real PostgreSQL and ClickHouse: events sent through the REST ingestion route
 * before and after an override's start (and after its end) are priced accordingly, and what-if
 * re-pricing of a period equals the engine's own re-pricing (`billCost`) of the same stored events.
 * @module
 */
import { billCost, createPriceCatalog, type PriceOverride } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let test: BackendTestApp;
const catalog = createPriceCatalog();

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

const HOUR = 3_600_000;
const START = Date.parse('2025-05-10T00:00:00.000Z');
const END = START + 48 * HOUR;

function adminOf(orgId: string): OrgPrincipal {
  return {
    userId: 'pricing-admin',
    email: 'admin@example.test',
    name: null,
    tokenId: 't',
    orgId,
    role: 'admin',
  };
}

function event(id: string, ms: number, model: string, extra: Record<string, unknown> = {}) {
  return {
    event_id: id,
    timestamp: new Date(ms).toISOString(),
    model,
    input_tokens: 12_000,
    output_tokens: 900,
    cache_read_tokens: 4_000,
    reasoning_tokens: 100,
    ...extra,
  };
}

async function ingest(key: string, events: unknown[]) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: { events },
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toMatchObject({ accepted: events.length, rejected: [] });
}

const usageOf = (row: UsageRow) => ({
  input_tokens: row.input_tokens,
  output_tokens: row.output_tokens,
  cache_read_tokens: row.cache_read_tokens,
  cache_write_tokens: row.cache_write_tokens,
  reasoning_tokens: row.reasoning_tokens,
  cache_write_1h_tokens: row.cache_write_1h_tokens,
  web_search_requests: row.web_search_requests,
});

const listPrice = (row: UsageRow) =>
  catalog.price({ provider: row.provider, model: row.model, usage: usageOf(row), batch: row.batch }).costUsd;

describe('price overrides at ingestion', () => {
  it('prices events before an override’s start at list, from it on with the override, and at list again after its end', async () => {
    const { orgId, key } = await newTestOrganization(test, 'overrides');
    // A first batch caches the organization's (empty) overrides; creating one must drop that cache.
    await ingest(key, [event('warm', START - 2 * HOUR, 'gpt-4o-mini')]);
    const pricing = test.backend.services.pricing;
    await pricing.create(adminOf(orgId), {
      override: { kind: 'discount', percent: 40, model: 'gpt-4o-mini' },
      effective_from: new Date(START).toISOString(),
      effective_to: new Date(END).toISOString(),
    });
    await pricing.create(adminOf(orgId), {
      override: { kind: 'model_price', model: 'acme-private', prices: { input_mtok: 2, output_mtok: 8 } },
      effective_from: new Date(START).toISOString(),
      effective_to: null,
    });
    await ingest(key, [
      event('mini-before', START - HOUR, 'gpt-4o-mini'),
      event('mini-at-start', START, 'gpt-4o-mini'),
      event('mini-during', START + HOUR, 'gpt-4o-mini'),
      event('mini-after', END, 'gpt-4o-mini'),
      event('private-before', START - HOUR, 'acme-private', { provider: 'acme' }),
      event('private-during', START + HOUR, 'acme-private', { provider: 'acme' }),
    ]);
    const rows = new Map((await test.backend.usage.listEvents(orgId)).map((row) => [row.event_id, row]));
    const cost = (id: string) => rows.get(id)?.cost_usd;
    const list = (id: string) => listPrice(rows.get(id)!);
    expect(list('mini-before')).toBeGreaterThan(0);
    expect(cost('mini-before')).toBe(list('mini-before'));
    expect(cost('mini-at-start')).toBeCloseTo(list('mini-at-start')! * 0.6, 15);
    expect(cost('mini-during')).toBeCloseTo(list('mini-during')! * 0.6, 15);
    expect(cost('mini-after')).toBe(list('mini-after'));
    expect(cost('private-before')).toBeNull();
    // (12,000 input at $2 + 900 output at $8) per million: cached reads are priced as input here.
    expect(cost('private-during')).toBeCloseTo((12_000 * 2 + 900 * 8) / 1e6, 15);
  });

  it('stops pricing with an override once it is deleted', async () => {
    const { orgId, key } = await newTestOrganization(test, 'deleted-override');
    const row = await test.backend.services.pricing.create(adminOf(orgId), {
      override: { kind: 'discount', percent: 25 },
      effective_from: null,
      effective_to: null,
    });
    await ingest(key, [event('discounted', START, 'gpt-4o')]);
    await test.backend.services.pricing.remove(orgId, row.id);
    await ingest(key, [event('listed', START, 'gpt-4o')]);
    const [discounted, listed] = await test.backend.usage.findEventsById(orgId, ['discounted', 'listed']);
    expect(discounted?.cost_usd).toBeCloseTo(listPrice(discounted!)! * 0.75, 15);
    expect(listed?.cost_usd).toBe(listPrice(listed!));
  });
});

describe('what-if re-pricing', () => {
  const orgOverride: PriceOverride = { kind: 'discount', percent: 20, provider: 'openai' };
  const scenario: PriceOverride[] = [{ kind: 'discount', percent: 5, model: 'gpt-4o-mini' }];

  async function seeded() {
    const { orgId, key } = await newTestOrganization(test, 'reprice');
    await test.backend.services.pricing.create(adminOf(orgId), {
      override: orgOverride,
      effective_from: new Date(START + 24 * HOUR).toISOString(),
      effective_to: null,
    });
    const events = Array.from({ length: 40 }, (_, index) =>
      event(`e${index}`, START + index * 2 * HOUR, index % 3 === 0 ? 'claude-sonnet-4-20250514' : 'gpt-4o', {
        input_tokens: 5_000 + index * 731,
        output_tokens: 300 + index * 17,
        batch: index % 4 === 0,
      }),
    );
    await ingest(key, [...events, event('outside', END + 100 * HOUR, 'gpt-4o')]);
    return orgId;
  }

  /** The engine's re-pricing of each stored event of the period, called directly. */
  function engineFigures(rows: UsageRow[]) {
    let after = 0;
    const byModel = new Map<string, number>();
    for (const row of rows) {
      const inForce = row.timestamp.getTime() >= START + 24 * HOUR ? [orgOverride] : [];
      const engine = createPriceCatalog({ overrides: [...scenario, ...inForce] });
      const substituted = row.model === 'gpt-4o';
      const bill = {
        provider: substituted ? '' : row.provider,
        model: substituted ? 'gpt-4o-mini' : row.model,
        usage: usageOf(row),
        batch: row.batch,
        eliminated: false,
      };
      const cost = billCost(engine, bill, row.timestamp) ?? 0;
      after += cost;
      byModel.set(row.priced_model, (byModel.get(row.priced_model) ?? 0) + cost);
    }
    return { after, byModel };
  }

  it('equals the engine’s re-pricing of the same events under another model and prices, changing nothing stored', async () => {
    const orgId = await seeded();
    const period = { from: new Date(START).toISOString(), to: new Date(END + 50 * HOUR).toISOString() };
    const stored = await test.backend.usage.listEvents(orgId, {
      from: new Date(period.from),
      to: new Date(period.to),
    });
    expect(stored).toHaveLength(40);
    const answer = await test.backend.services.reprice.reprice(orgId, {
      ...period,
      overrides: scenario,
      model_substitutions: { 'GPT-4o': 'gpt-4o-mini' },
    });
    const engine = engineFigures(stored);
    const before = stored.reduce((sum, row) => sum + (row.cost_usd ?? 0), 0);
    expect(answer.totals.requests).toBe(40);
    expect(Math.abs(answer.totals.after_usd - engine.after) / engine.after).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(answer.totals.before_usd - before) / before).toBeLessThanOrEqual(1e-9);
    expect(answer.totals.after_usd).toBeLessThan(answer.totals.before_usd);
    for (const model of answer.models) {
      const expected = engine.byModel.get(model.model) ?? Number.NaN;
      expect(Math.abs(model.after_usd - expected) / expected, model.model).toBeLessThanOrEqual(1e-9);
    }
    expect(answer.models.map((m) => [m.model, m.repriced_as]).sort()).toEqual([
      ['claude-sonnet-4-0', 'claude-sonnet-4-0'],
      ['gpt-4o', 'gpt-4o-mini'],
    ]);
    const again = await test.backend.usage.listEvents(orgId, {
      from: new Date(period.from),
      to: new Date(period.to),
    });
    expect(again.map((row) => row.cost_usd)).toEqual(stored.map((row) => row.cost_usd));
  });

  it('answers the stored costs unchanged when nothing is changed', async () => {
    const orgId = await seeded();
    const answer = await test.backend.services.reprice.reprice(orgId, {
      from: new Date(START).toISOString(),
      to: new Date(END + 50 * HOUR).toISOString(),
      overrides: [],
      model_substitutions: {},
    });
    expect(Math.abs(answer.totals.difference_usd) / answer.totals.before_usd).toBeLessThanOrEqual(1e-9);
  });
});
