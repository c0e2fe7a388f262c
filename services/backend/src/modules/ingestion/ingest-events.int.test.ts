/**
 * `POST /api/v1/ingest/events` against the real stores: what is accepted can be read back with
 * Netra's cost, re-sends are idempotent, bad records are refused one by one, organizations are isolated.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;
const catalog = createPriceCatalog();

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

type EventInput = Record<string, unknown> & { timestamp: string | number; model: string };
type IngestBody = Record<string, unknown>;

function ingest(key: string, payload: unknown) {
  return backend.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: payload as object,
  });
}

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Netra's price of an event as sent, straight from the catalog. */
function catalogCost(event: EventInput): number | null {
  return catalog.price({
    provider: event.provider as string | undefined,
    model: event.model,
    batch: event.batch === true,
    timestamp: new Date(event.timestamp),
    usage: {
      input_tokens: count(event.input_tokens),
      output_tokens: count(event.output_tokens),
      cache_read_tokens: count(event.cache_read_tokens),
      cache_write_tokens: count(event.cache_write_tokens),
      reasoning_tokens: count(event.reasoning_tokens),
    },
  }).costUsd;
}

const T0 = Date.parse('2025-06-02T09:00:00.000Z');

const EVENTS: EventInput[] = [
  {
    event_id: 'evt-gpt',
    timestamp: new Date(T0).toISOString(),
    provider: 'openai',
    model: 'gpt-4o-2024-08-06',
    operation: 'chat',
    input_tokens: 1500,
    output_tokens: 200,
    cache_read_tokens: 1024,
    reasoning_tokens: 50,
    latency_ms: 812.5,
    ttft_ms: 120,
    cost_usd: 0.0042,
    stream: true,
    max_tokens: 512,
    temperature: 0.2,
    prompt_hash: 'p-1',
    prefix_hashes: ['h1', 'h2'],
    prompt: 'not kept unless the organization allows it',
    user_id: 'u-1',
    session_id: 's-1',
    feature: 'support',
    app: 'web',
    environment: 'prod',
    tags: ['beta'],
    metadata: { team: 'core' },
  },
  {
    event_id: 'evt-claude',
    timestamp: T0 + 1000,
    model: 'claude-sonnet-4-20250514',
    input_tokens: 3600,
    cache_read_tokens: 3000,
    cache_write_tokens: 500,
    output_tokens: 80,
    batch: true,
    status: 'error',
    error_type: 'overloaded',
  },
  {
    event_id: 'evt-unknown',
    timestamp: T0 + 2000,
    provider: 'acme',
    model: 'acme-llm-9',
    input_tokens: 10,
    output_tokens: 5,
    cost_usd: 0.5,
  },
];

/** The spend: the catalog's price, or the stated cost where the catalog cannot price the model. */
const spendOf = (events: EventInput[]) =>
  events.reduce((sum, event) => sum + (catalogCost(event) ?? Number(event.cost_usd ?? 0)), 0);

describe('POST /api/v1/ingest/events stores and prices', () => {
  /** Ingests the sample batch into a new organization and reads its events back by id. */
  async function ingestSample() {
    const { orgId, key } = await newTestOrganization(backend, 'ingest');
    const response = await ingest(key, { events: EVENTS });
    expect(response.statusCode, response.body).toBe(200);
    // The unknown model states its cost, so it is priced at that cost: nothing is unpriced.
    expect(response.json()).toEqual({ accepted: 3, stored: 3, duplicates: 0, unpriced: 0, rejected: [] });
    const rows = await backend.backend.usage.findEventsById(orgId, ['evt-gpt', 'evt-claude', 'evt-unknown']);
    expect(rows).toHaveLength(3);
    return { orgId, rows };
  }

  it('stores every accepted event with all its fields, attributed to the key’s organization', async () => {
    const { orgId, rows } = await ingestSample();
    const [gpt, claude, unknown] = rows;
    const { prompt: _notKept, timestamp, cost_usd: reported, ...fields } = EVENTS[0]!;
    expect(gpt).toMatchObject({ ...fields, org_id: orgId, source: 'rest', reported_cost_usd: reported });
    // Prompt text is kept only for organizations that allow it; new ones do not.
    expect(gpt).toMatchObject({ timestamp: new Date(timestamp), status: 'success', prompt: '' });
    expect(claude).toMatchObject({ batch: true, status: 'error', error_type: 'overloaded' });
    expect(claude).toMatchObject({ cache_write_tokens: 500, timestamp: new Date(T0 + 1000) });
    expect(unknown).toMatchObject({ provider: 'acme', model: 'acme-llm-9', input_tokens: 10 });
  });

  it('prices each event with the catalog, keeps the reported cost, and uses it, flagged, for an unknown model', async () => {
    const { orgId, rows } = await ingestSample();
    const [gpt, claude, unknown] = rows;
    expect(gpt).toMatchObject({
      priced_provider: 'openai',
      priced_model: 'gpt-4o',
      reported_cost_usd: 0.0042,
    });
    expect(gpt!.cost_usd).toBeCloseTo(catalogCost(EVENTS[0]!)!, 12);
    // The provider is inferred from the model when the event does not name it.
    expect(claude).toMatchObject({ provider: 'anthropic', priced_provider: 'anthropic' });
    expect(claude!.cost_usd).toBeCloseTo(catalogCost(EVENTS[1]!)!, 12);
    expect(catalogCost(EVENTS[2]!)).toBeNull();
    expect(gpt).toMatchObject({ cost_source: 'catalog' });
    expect(unknown).toMatchObject({
      cost_usd: 0.5,
      cost_source: 'reported',
      priced_model: '',
      reported_cost_usd: 0.5,
    });

    const summary = await backend.backend.usage.costSummary(orgId, {});
    expect(summary).toMatchObject({ requests: 3, unpriced_requests: 0 });
    expect(summary.total_cost_usd).toBeGreaterThan(0);
    expect(summary.total_cost_usd).toBeCloseTo(spendOf(EVENTS), 9);
  });
});

describe('POST /api/v1/ingest/events is idempotent', () => {
  /** Sends the batch twice; the second time nothing may be added. */
  async function sendTwice(events: EventInput[], asBareArray: boolean) {
    const { orgId, key } = await newTestOrganization(backend, 'resend');
    const first = await ingest(key, asBareArray ? events : { events });
    expect(first.statusCode, first.body).toBe(200);
    const before = await backend.backend.usage.costSummary(orgId, {});
    const again = await ingest(key, asBareArray ? events : { events });
    expect(again.statusCode, again.body).toBe(200);
    const after = await backend.backend.usage.costSummary(orgId, {});
    const [firstBody, againBody] = [first.json<IngestBody>(), again.json<IngestBody>()];
    return { orgId, first: firstBody, again: againBody, before, after };
  }

  it('adds nothing when a batch with client event ids is sent again', async () => {
    const { orgId, first, again, before, after } = await sendTwice(EVENTS, false);
    expect(first).toMatchObject({ stored: 3, duplicates: 0 });
    expect(again).toEqual({ accepted: 3, stored: 0, duplicates: 3, unpriced: 0, rejected: [] });
    expect(after).toEqual(before);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(3);
  });

  it('adds nothing when a bare-array batch without event ids is sent again, keeping identical records apart', async () => {
    const events = EVENTS.map(({ event_id: _id, ...event }) => event);
    const withTwin = [...events, { ...events[0]! }];
    const { orgId, first, again, before, after } = await sendTwice(withTwin, true);
    // Two identical records in one batch are two real requests: both are stored, once.
    expect(first).toMatchObject({ accepted: 4, stored: 4, duplicates: 0 });
    expect(again).toMatchObject({ accepted: 4, stored: 0, duplicates: 4 });
    expect(after).toEqual(before);
    expect(before.requests).toBe(4);
    expect(before.total_cost_usd).toBeCloseTo(spendOf(withTwin), 9);
    const ids = (await backend.backend.usage.listEvents(orgId)).map((row) => row.event_id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id.startsWith('sha256:'))).toBe(true);
  });

  it('counts a model the catalog cannot price and the record states no cost for as unpriced', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'unpriced');
    const { cost_usd: _stated, ...unknown } = EVENTS[2]!;
    expect((await ingest(key, [unknown])).json()).toMatchObject({ stored: 1, unpriced: 1 });
    const [row] = await backend.backend.usage.findEventsById(orgId, ['evt-unknown']);
    expect(row).toMatchObject({ cost_usd: null, cost_source: '', reported_cost_usd: null });
    expect(await backend.backend.usage.costSummary(orgId, {})).toMatchObject({ unpriced_requests: 1 });
  });

  it('recognises a re-sent record whatever its key order and timestamp spelling', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'respell');
    const { event_id: _id, ...event } = EVENTS[0]!;
    expect((await ingest(key, [event])).json()).toMatchObject({ stored: 1 });
    const respelled = Object.fromEntries(Object.entries({ ...event, timestamp: T0 }).reverse());
    expect((await ingest(key, [respelled])).json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(1);
  });
});

describe('POST /api/v1/ingest/events refuses bad records one by one', () => {
  const BAD: [unknown, string][] = [
    [{ timestamp: T0 }, 'model'],
    [{ timestamp: T0, model: 'gpt-4o', input_tokens: -1 }, 'input_tokens'],
    [{ timestamp: T0, model: 'gpt-4o', input_tokens: 10, cache_read_tokens: 20 }, 'cache_read_tokens'],
    [{ timestamp: 1_717_000_000, model: 'gpt-4o' }, 'timestamp'],
    [{ timestamp: T0, model: 'gpt-4o', status: 'maybe' }, 'status'],
    ['not an object', 'record'],
  ];

  it('keeps the good records and answers 207 naming each bad record’s index and field', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'partial');
    const batch = [EVENTS[0], ...BAD.map(([record]) => record), EVENTS[1]];
    const response = await ingest(key, { events: batch });
    expect(response.statusCode, response.body).toBe(207);
    const body = response.json<{ accepted: number; stored: number; rejected: Record<string, unknown>[] }>();
    expect(body).toMatchObject({ accepted: 2, stored: 2 });
    expect(body.rejected.map(({ index, field }) => ({ index, field }))).toEqual(
      BAD.map(([, field], position) => ({ index: position + 1, field })),
    );
    expect(body.rejected.every((rejection) => typeof rejection.reason === 'string')).toBe(true);
    const stored = await backend.backend.usage.listEvents(orgId);
    expect(stored.map((row) => row.event_id)).toEqual(['evt-gpt', 'evt-claude']);
  });

  it('answers 400 no_valid_events with the list when no record is usable', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'allbad');
    const response = await ingest(
      key,
      BAD.map(([record]) => record),
    );
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{
      error: { code: string; details: { rejected: { field: string }[] } };
    }>();
    expect(error.code).toBe('no_valid_events');
    expect(error.details.rejected.map((rejection) => rejection.field)).toEqual(BAD.map(([, field]) => field));
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });
});

describe('organizations are isolated', () => {
  it('never shows one organization’s events through another’s store calls or key', async () => {
    const a = await newTestOrganization(backend, 'tenant-a');
    const b = await newTestOrganization(backend, 'tenant-b');
    expect((await ingest(a.key, { events: EVENTS })).statusCode).toBe(200);

    expect(await backend.backend.usage.countEvents(b.orgId)).toBe(0);
    expect(await backend.backend.usage.listEvents(b.orgId)).toEqual([]);
    expect(await backend.backend.usage.findEventsById(b.orgId, ['evt-gpt', 'evt-claude'])).toEqual([]);
    expect(await backend.backend.usage.costSummary(b.orgId, {})).toMatchObject({ requests: 0 });

    // B's own events with the same ids are B's, not duplicates of A's; A's stay as they were.
    const fromB = await ingest(b.key, { events: EVENTS });
    expect(fromB.json()).toMatchObject({ stored: 3, duplicates: 0 });
    const [ownRow] = await backend.backend.usage.findEventsById(b.orgId, ['evt-gpt']);
    expect(ownRow?.org_id).toBe(b.orgId);
    expect(await backend.backend.usage.countEvents(a.orgId)).toBe(3);
    expect(await backend.backend.usage.countEvents(b.orgId)).toBe(3);
  });
});
