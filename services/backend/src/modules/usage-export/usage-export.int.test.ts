/**
 * The usage export end to end on real stores: a workload ingested through `POST
 * /api/v1/ingest/events`, exported through the route by a viewer with a real token. The FOCUS rows
 * re-sum exactly to the period's spend (checked against an independent sum of the stored events),
 * the CSV parses back (csv-parse) to the stored events field for field, and the fault paths answer
 * as documented: bad format, backwards window, another organization, a client that goes away.
 * @module
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { personalOrgOf } from '#test-support/as-user.js';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { exportEvents } from './export-fixtures.js';
import { decimalText, unitsOf } from './exact-decimal.js';
import { EVENT_CSV_COLUMNS } from './event-csv.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let viewer: TestUser;
let orgId = '';
let otherOrgId = '';
let stored: UsageRow[] = [];
const WINDOW = 'from=2025-03-01&to=2025-03-04';

async function ingest(org: string, events: Record<string, unknown>[]): Promise<void> {
  const { key } = await test.backend.services.apiKeys.create(org, 'export test');
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: { events },
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

function exportOf(org: string, query: string, user = viewer) {
  return test.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/usage/export?${query}`,
    headers: { authorization: `Bearer ${user.token}` },
  });
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url, API_REQUESTS_PER_USER_PER_MIN: '100000' });
  const owner = await auth.register('export-owner');
  viewer = await auth.register('export-viewer');
  orgId = await personalOrgOf(test, owner);
  otherOrgId = await personalOrgOf(test, await auth.register('export-other'));
  await personalOrgOf(test, viewer);
  await test.backend.services.organizations.addMember(orgId, viewer.id, 'viewer');
  await ingest(orgId, exportEvents(600));
  stored = await test.backend.usage.listEvents(orgId, { limit: 10_000 });
}, 120_000);

afterAll(async () => {
  // Optional: a failed start must not hide its own error behind this one.
  await (test as BackendTestApp | undefined)?.close();
  await (auth as AuthServiceFixture | undefined)?.stop();
});

type Record_ = Record<string, string>;

describe('FOCUS export', () => {
  let rows: Record_[] = [];

  beforeAll(async () => {
    const response = await exportOf(orgId, `${WINDOW}&format=focus`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="netra-usage-focus-2025-03-01-2025-03-04.csv"',
    );
    rows = parse<Record_>(response.body, { columns: true });
  });

  it('re-sums exactly to the spend of the stored events', () => {
    expect(stored).toHaveLength(600);
    const sources = new Set(stored.map((row) => row.cost_source));
    expect([...sources].sort()).toEqual(['', 'catalog', 'reported']);
    const exported = rows.reduce((sum, row) => sum + unitsOf(row.BilledCost ?? ''), 0n);
    const effective = rows.reduce((sum, row) => sum + unitsOf(row.EffectiveCost ?? ''), 0n);
    // Independent: each stored cost in 1e-18 USD units as ClickHouse's Decimal128(18) takes a double
    // (x × 1e18 truncated), summed as integers: equal to the last unit.
    const independent = stored.reduce((sum, row) => sum + BigInt(Math.trunc((row.cost_usd ?? 0) * 1e18)), 0n);
    const floatSum = stored.reduce((sum, row) => sum + (row.cost_usd ?? 0), 0);
    expect(effective).toBe(exported);
    expect(exported).toBe(independent);
    expect(Math.abs(Number(decimalText(exported)) - floatSum)).toBeLessThanOrEqual(floatSum * 1e-12);
  });

  it("re-sums to the analytics summary's spend of the same period", async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/analytics/summary?from=2025-03-01T00:00:00Z&to=2025-03-04T00:00:00Z`,
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json<{
      current: { totals: { spend_usd: number; unpriced_requests: number } };
    }>();
    const exported = Number(decimalText(rows.reduce((sum, row) => sum + unitsOf(row.BilledCost ?? ''), 0n)));
    const { spend_usd: spend, unpriced_requests: unpriced } = summary.current.totals;
    // The summary sums doubles (order-dependent in the last bits); the export is exact decimal.
    expect(Math.abs(exported - spend)).toBeLessThanOrEqual(spend * Number.EPSILON * 8);
    expect(unpriced).toBe(stored.filter((row) => row.cost_usd === null).length);
  });

  it('has one row per day × provider × model × feature × token kind, tokens summing to the events', () => {
    const keys = rows.map((row) => `${row.ChargePeriodStart} ${row.SkuId} ${row.Tags} ${row.x_CostSource}`);
    expect(new Set(keys).size).toBe(rows.length);
    const tokens = (kind: string) =>
      rows
        .filter((row) => row.x_TokenKind === kind)
        .reduce((sum, row) => sum + Number(row.ConsumedQuantity), 0);
    const storedSum = (pick: (row: UsageRow) => number) => stored.reduce((sum, row) => sum + pick(row), 0);
    expect(tokens('cache_read')).toBe(storedSum((row) => row.cache_read_tokens));
    expect(tokens('reasoning')).toBe(storedSum((row) => row.reasoning_tokens));
    expect(tokens('output')).toBe(storedSum((row) => row.output_tokens - row.reasoning_tokens));
    expect(tokens('input')).toBe(
      storedSum((row) => row.input_tokens - row.cache_read_tokens - row.cache_write_tokens),
    );
    expect(new Set(rows.map((row) => row.ChargePeriodStart))).toEqual(
      new Set(['2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z', '2025-03-03T00:00:00.000Z']),
    );
  });

  it('keeps unpriced usage visible (cost 0, marked unpriced) and a stated cost on a row of its own', () => {
    const unpriced = rows.filter((row) => row.x_CostSource === 'unpriced');
    expect(unpriced.length).toBeGreaterThan(0);
    expect(unpriced.every((row) => row.BilledCost === '0' && row.ListCost === '')).toBe(true);
    const stated = rows.filter((row) => row.x_CostSource === 'reported' && row.x_TokenKind === 'request');
    expect(stated.length).toBeGreaterThan(0);
    expect(stated.every((row) => row.ConsumedUnit === 'Requests')).toBe(true);
  });

  it('prices ListCost at catalog list prices: batch requests cost less than list', () => {
    const catalog = rows.filter((row) => row.x_CostSource === 'catalog');
    const list = catalog.reduce((sum, row) => sum + Number(row.ListCost), 0);
    const effective = catalog.reduce((sum, row) => sum + Number(row.EffectiveCost), 0);
    expect(catalog.every((row) => row.ListCost !== '')).toBe(true);
    expect(effective).toBeLessThan(list);
  });
});

describe('CSV export', () => {
  it('round-trips through csv-parse to the stored events', async () => {
    const response = await exportOf(orgId, `${WINDOW}&format=csv`);
    expect(response.statusCode).toBe(200);
    const records = parse<Record_>(response.body, { columns: true });
    expect(records.map((record) => fromCsv(record))).toEqual(stored.map(({ org_id: _org, ...row }) => row));
  });

  it('exports the half-open window only', async () => {
    const response = await exportOf(orgId, 'from=2025-03-02&to=2025-03-03T00:00:00Z');
    const records = parse<Record_>(response.body, { columns: true });
    expect(records).toHaveLength(
      stored.filter((row) => row.timestamp.toISOString().startsWith('2025-03-02')).length,
    );
  });
});

const NUMBERS = new Set([
  'request_count',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'reasoning_tokens',
  'web_search_requests',
  'prefix_block_tokens',
]);
const NULLABLE_NUMBERS = new Set([
  'cost_usd',
  'reported_cost_usd',
  'latency_ms',
  'ttft_ms',
  'max_tokens',
  'temperature',
]);
const JSON_CELLS = new Set(['tags', 'metadata', 'prefix_hashes']);

type Decode = (text: string) => unknown;
const DATE: Decode = (text) => new Date(text);
const NULLABLE =
  (decode: Decode): Decode =>
  (text) =>
    text === '' ? null : decode(text);
const DECODERS: Record<string, Decode> = {
  ...Object.fromEntries([...NUMBERS].map((column) => [column, Number])),
  ...Object.fromEntries([...NULLABLE_NUMBERS].map((column) => [column, NULLABLE(Number)])),
  ...Object.fromEntries(
    [...JSON_CELLS].map((column) => [column, (text: string) => JSON.parse(text) as unknown]),
  ),
  batch: (text) => text === 'true',
  stream: (text) => text === 'true',
  timestamp: DATE,
  ingested_at: DATE,
  period_end: NULLABLE(DATE),
};

/** A parsed CSV record back in the stored row's types. */
function fromCsv(record: Record_): Omit<UsageRow, 'org_id'> {
  const row: Record<string, unknown> = {};
  for (const column of EVENT_CSV_COLUMNS) {
    const text = record[column] ?? '';
    row[column] = (DECODERS[column] ?? String)(text);
  }
  return row as Omit<UsageRow, 'org_id'>;
}

describe('fault paths', () => {
  it('refuses an unknown format, naming the field', async () => {
    const response = await exportOf(orgId, `${WINDOW}&format=xlsx`);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { field: string } }>().error.field).toBe('querystring.format');
  });

  it('refuses a window whose start is not before its end, and a missing end', async () => {
    const backwards = await exportOf(orgId, 'from=2025-03-04&to=2025-03-04');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ error: { field: string } }>().error.field).toBe('querystring.from');
    const open = await exportOf(orgId, 'from=2025-03-01&format=csv');
    expect(open.statusCode).toBe(400);
    expect(open.json<{ error: { field: string } }>().error.field).toBe('querystring.to');
  });

  it("answers 404 for another organization's id", async () => {
    const response = await exportOf(otherOrgId, `${WINDOW}&format=csv`);
    expect(response.statusCode).toBe(404);
  });

  it('exports an empty period as the header alone', async () => {
    const response = await exportOf(orgId, 'from=2024-01-01&to=2024-02-01&format=focus');
    expect(response.statusCode).toBe(200);
    expect(response.body.trim().split('\n')).toHaveLength(1);
  });
});
