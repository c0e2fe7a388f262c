/**
 * Spend analytics on real stores: a seeded 14-day workload (several models, one unpriced and one
 * priced at its stated cost, features, users, environments, tags, metadata, errors, cache reads) is
 * ingested through `POST /api/v1/ingest/events`, part of it sent twice, and every figure of `spend`
 * and `summary` — for every grouping, bucket and filter — must equal the recomputation from the
 * events in TypeScript (test-support/analytics-expected) to a relative error of 1e-9.
 * @module
 */
import type { SpendAnswer, SpendFigures, SpendSummary } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import {
  expectedGroups,
  expectedSeries,
  expectedSummaryParts,
  selected,
  type QueryParams,
} from '#test-support/analytics-expected.js';
import {
  generateWorkload,
  REPORTED_MODEL,
  UNPRICED_MODEL,
  WORKLOAD_DAYS,
  WORKLOAD_START,
  type WorkloadEvent,
} from '#test-support/analytics-workload.js';

const DAY_MS = 86_400_000;
const END = WORKLOAD_START + WORKLOAD_DAYS * DAY_MS;
const events = generateWorkload();

let auth: AuthServiceFixture;
let test: BackendTestApp;
let owner: TestUser;
let orgId = '';

async function ingest(key: string, batch: readonly WorkloadEvent[]) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: batch as object[],
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ accepted: number; duplicates: number; rejected: unknown[] }>();
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({ AUTH_SERVICE_URL: auth.url });
  owner = await auth.register('analyst');
  const me = (await ask('/api/v1/me')).json<{ organizations: { id: string }[] }>();
  orgId = me.organizations[0]?.id ?? '';
  const { key } = await test.backend.services.apiKeys.create(orgId, 'analytics');
  for (let start = 0; start < events.length; start += 1_000) {
    const answer = await ingest(key, events.slice(start, start + 1_000));
    expect(answer.rejected).toEqual([]);
  }
  // Re-sent: the same events again (a client retry), in a batch mixed with nothing new.
  const again = await ingest(key, events.slice(100, 400));
  expect(again.duplicates).toBe(300);
}, 240_000);

afterAll(async () => {
  await test.close();
  await auth.stop();
});

function ask(path: string) {
  return test.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${owner.token}` } });
}

async function query<T>(route: string, params: QueryParams): Promise<T> {
  const search = new URLSearchParams(params).toString();
  const response = await ask(`/api/v1/orgs/${orgId}/analytics/${route}?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(actual), Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

function expectFigures(actual: SpendFigures, expected: SpendFigures, what: string): void {
  for (const [name, value] of Object.entries(expected)) {
    const got = actual[name as keyof SpendFigures];
    if (name.endsWith('_usd')) {
      expectClose(got, value, `${what} ${name}`);
    } else {
      expect(got, `${what} ${name}`).toBe(value);
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW: QueryParams = [
  ['from', iso(WORKLOAD_START)],
  ['to', iso(END)],
];

async function checkSpend(bucket: string, groupBy: string | undefined, filters: QueryParams, limit = 100) {
  const params: QueryParams = [...WINDOW, ['bucket', bucket], ['limit', String(limit)], ...filters];
  if (groupBy !== undefined) {
    params.push(['group_by', groupBy]);
  }
  const answer = await query<SpendAnswer>('spend', params);
  const chosen = selected(events, WORKLOAD_START, END, filters);
  const expected = expectedSeries(chosen, { bucket, groupBy, limit });
  const label = `${bucket} by ${groupBy ?? 'nothing'} ${JSON.stringify(filters)}`;
  expect(answer.series.map((s) => s.key).sort(), label).toEqual(expected.map((s) => s.key).sort());
  for (const series of expected) {
    const got = answer.series.find((s) => s.key === series.key && s.other === series.other);
    expect(got, label).toBeDefined();
    expectFigures(got?.totals ?? ({} as SpendFigures), series.totals, `${label} ${series.key} totals`);
    expect(
      got?.points.map((p) => p.bucket),
      label,
    ).toEqual([...series.points.keys()].sort());
    for (const point of got?.points ?? []) {
      expectFigures(
        point,
        series.points.get(point.bucket) ?? ({} as SpendFigures),
        `${label} ${point.bucket}`,
      );
    }
  }
  const total = expectedSeries(chosen, { bucket, limit: 1 })[0]?.totals;
  if (total !== undefined) {
    expectFigures(answer.totals, total, `${label} totals`);
  }
  if (groupBy !== undefined) {
    expect(answer.groups).toBe(expectedGroups(chosen, groupBy));
  }
  return answer;
}

const GROUPINGS = [
  undefined,
  'model',
  'provider',
  'feature',
  'user_id',
  'environment',
  'tag:team',
  'meta:region',
];
const FILTERS: QueryParams[] = [
  [],
  [['model', 'gpt-4o']],
  [
    ['model', 'gpt-4o-mini'],
    ['model', UNPRICED_MODEL],
  ],
  [['provider', 'acme']],
  [['feature', 'search']],
  [['user_id', 'u3']],
  [['environment', 'staging']],
  [['status', 'error']],
  [['tag', 'beta']],
  [['meta', 'region:eu']],
  [
    ['meta', 'tier:gold'],
    ['meta', 'tier:free'],
  ],
  [
    ['status', 'success'],
    ['environment', 'production'],
    ['feature', 'support'],
  ],
];

describe('GET analytics/spend', () => {
  it.each(['hour', 'day', 'week'])('equals the events for every grouping in %s buckets', async (bucket) => {
    for (const groupBy of GROUPINGS) {
      await checkSpend(bucket, groupBy, []);
    }
  });

  it('equals the events under every filter, grouped and not', async () => {
    for (const filters of FILTERS) {
      await checkSpend('day', undefined, filters);
      await checkSpend('day', 'model', filters);
      await checkSpend('week', 'user_id', filters);
    }
  });

  it('reads the smallest source able to answer: the aggregates unless tags or metadata are asked for', async () => {
    const sourceOf = async (params: QueryParams) =>
      (await query<SpendAnswer>('spend', [...WINDOW, ...params])).source;
    expect(await sourceOf([['group_by', 'model']])).toBe('usage_daily');
    expect(
      await sourceOf([
        ['group_by', 'model'],
        ['bucket', 'hour'],
      ]),
    ).toBe('usage_hourly');
    const hourly = await query<SpendAnswer>('spend', [
      ['from', iso(WORKLOAD_START + 3_600_000)],
      ['to', iso(END)],
    ]);
    expect(hourly.source).toBe('usage_hourly');
    expect(await sourceOf([['group_by', 'user_id']])).toBe('usage_hourly_users');
    expect(await sourceOf([['user_id', 'u1']])).toBe('usage_hourly_users');
    expect(await sourceOf([['group_by', 'tag:team']])).toBe('usage_events');
    expect(await sourceOf([['meta', 'region:us']])).toBe('usage_events');
  });

  it('shows the limit largest groups apart and sums the rest into one other series', async () => {
    const answer = await checkSpend('day', 'user_id', [], 3);
    expect(answer.series.map((s) => s.other)).toEqual([false, false, false, true]);
    expect(answer.groups).toBe(8);
  });

  it('lists every bucket of the window, empty ones included, and only the non-empty ones as points', async () => {
    const answer = await query<SpendAnswer>('spend', [
      ['from', iso(WORKLOAD_START - 2 * DAY_MS)],
      ['to', iso(WORKLOAD_START + DAY_MS)],
      ['bucket', 'day'],
    ]);
    expect(answer.buckets).toEqual([0, 1, 2].map((day) => iso(WORKLOAD_START + (day - 2) * DAY_MS)));
    expect(answer.series[0]?.points.map((point) => point.bucket)).toEqual([iso(WORKLOAD_START)]);
  });
});

async function checkSummary(from: number, to: number, filters: QueryParams): Promise<SpendSummary> {
  const summary = await query<SpendSummary>('summary', [['from', iso(from)], ['to', iso(to)], ...filters]);
  const label = `${iso(from)} ${JSON.stringify(filters)}`;
  const current = expectedSummaryParts(selected(events, from, to, filters));
  const previous = expectedSummaryParts(selected(events, 2 * from - to, from, filters));
  expectFigures(summary.current.totals, current.totals, `${label} current`);
  expectFigures(summary.previous.totals, previous.totals, `${label} previous`);
  expect(summary.previous).toMatchObject({ from: iso(2 * from - to), to: iso(from) });
  expectClose(
    summary.change.spend_usd,
    current.totals.spend_usd - previous.totals.spend_usd,
    `${label} change`,
  );
  if (previous.totals.spend_usd > 0) {
    const pct = ((current.totals.spend_usd - previous.totals.spend_usd) / previous.totals.spend_usd) * 100;
    expectClose(summary.change.spend_pct ?? Number.NaN, pct, `${label} change %`);
  } else {
    expect(summary.change.spend_pct).toBeNull();
  }
  expect(summary.change.requests).toBe(current.totals.requests - previous.totals.requests);
  if (current.totals.input_tokens > 0) {
    const share = current.totals.cache_read_tokens / current.totals.input_tokens;
    expectClose(summary.cache_read_share ?? Number.NaN, share, `${label} cache share`);
  }
  expectClose(summary.error_waste.spend_usd, current.totals.error_spend_usd, `${label} error waste`);
  expect(summary.error_waste.requests).toBe(current.totals.error_requests);
  expect(summary.unpriced_models).toEqual(current.unpricedModels);
  expect(summary.top_cost_drivers.map((d) => [d.provider, d.model, d.feature])).toEqual(
    current.top.map((d) => [d.provider, d.model, d.feature]),
  );
  summary.top_cost_drivers.forEach((driver, index) => {
    expectFigures(driver, current.top[index]?.figures ?? ({} as SpendFigures), `${label} driver ${index}`);
    expectClose(driver.share ?? Number.NaN, driver.spend_usd / current.totals.spend_usd, `${label} share`);
  });
  return summary;
}

describe('GET analytics/summary', () => {
  it('equals the events for the second week against the first, under every filter', async () => {
    for (const filters of FILTERS) {
      await checkSummary(WORKLOAD_START + 7 * DAY_MS, END, filters);
    }
  });

  it('equals the events over a window of whole hours, not days (the hourly aggregates)', async () => {
    const from = WORKLOAD_START + 7 * DAY_MS + 5 * 3_600_000;
    for (const filters of FILTERS.slice(0, 4)) {
      expect((await checkSummary(from, END - 3 * 3_600_000, filters)).source).not.toBe('usage_daily');
    }
  });

  it('counts the unpriced model apart, never as $0, and prices the stated cost of an unknown model', async () => {
    const summary = await checkSummary(WORKLOAD_START, END, []);
    const unpriced = events.filter((event) => event.model === UNPRICED_MODEL).length;
    expect(summary.unpriced_models).toEqual([
      { provider: 'acme', model: UNPRICED_MODEL, requests: unpriced },
    ]);
    expect(summary.current.totals.unpriced_requests).toBe(unpriced);
    const reported = events
      .filter((e) => e.model === REPORTED_MODEL)
      .reduce((sum, e) => sum + (e.cost_usd ?? 0), 0);
    const acme = await query<SpendAnswer>('spend', [...WINDOW, ['group_by', 'model'], ['provider', 'acme']]);
    expectClose(
      acme.series.find((s) => s.key === REPORTED_MODEL)?.totals.spend_usd ?? 0,
      reported,
      'reported',
    );
    expect(acme.series.find((s) => s.key === UNPRICED_MODEL)?.totals).toMatchObject({
      spend_usd: 0,
      unpriced_requests: unpriced,
    });
  });

  it('compares with an empty previous period (no percentage) and answers zeros for an empty window', async () => {
    const whole = await checkSummary(WORKLOAD_START, END, []);
    expect(whole.previous.totals.requests).toBe(0);
    expect(whole.change.spend_pct).toBeNull();
    const empty = await checkSummary(END + DAY_MS, END + 2 * DAY_MS, []);
    expect(empty.current.totals.requests).toBe(0);
    expect(empty.cache_read_share).toBeNull();
  });
});

describe('refused queries', () => {
  const refusal = async (route: string, params: QueryParams) => {
    const search = new URLSearchParams(params).toString();
    const response = await ask(`/api/v1/orgs/${orgId}/analytics/${route}?${search}`);
    expect(response.statusCode, response.body).toBe(400);
    return response.json<{ error: { code: string; field?: string; message: string } }>().error;
  };

  it.each([
    ['spend', [['bucket', 'minute']], 'bucket'],
    ['spend', [['group_by', 'colour']], 'group_by'],
    ['spend', [['group_by', 'tag:']], 'group_by'],
    ['spend', [['limit', '0']], 'limit'],
    ['spend', [['status', 'failed']], 'status'],
    ['spend', [['meta', 'no-separator']], 'meta'],
    [
      'spend',
      [
        ['from', '2025-03-03T10:30:00Z'],
        ['to', '2025-03-04'],
      ],
      'from',
    ],
    [
      'spend',
      [
        ['from', '2025-03-04'],
        ['to', '2025-03-04'],
      ],
      'from',
    ],
    ['spend', [['from', 'yesterday']], 'from'],
    [
      'summary',
      [
        ['from', '2020-01-01'],
        ['to', '2025-01-01'],
      ],
      'to',
    ],
  ] as [string, QueryParams, string][])('%s %j is refused naming %s', async (route, params, field) => {
    const error = await refusal(route, params);
    expect(error).toMatchObject({ code: 'validation_failed', field: `querystring.${field}` });
  });

  it('refuses more than 1,000 buckets, saying how many the window would need', async () => {
    const error = await refusal('spend', [
      ['from', '2025-01-01'],
      ['to', '2025-03-01'],
      ['bucket', 'hour'],
    ]);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'querystring.bucket' });
    expect(error.message).toContain('1416 hour buckets');
  });
});
