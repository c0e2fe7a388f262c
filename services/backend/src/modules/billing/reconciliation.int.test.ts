/**
 * Bill reconciliation end to end on real stores: a usage file and an OpenAI cost export of the same
 * days are uploaded through `POST /api/v1/ingest/files`; the billing service then compares them per
 * day × model. Every figure is computed by hand below from list prices, with planted mismatches: a
 * day billed more than used, a model billed with no usage, a day used with no bill, a day billed
 * with no usage, and a line in euros that is refused.
 * @module
 */
import type { ImportTotals, LineError, Reconciliation } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let test: BackendTestApp;

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

type Done = ImportTotals & { type: 'done'; kind: string; billed_cost_usd?: number; errors: LineError[] };

async function upload(key: string, body: string, query = ''): Promise<Done> {
  const response = await test.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/files${query}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(200);
  return JSON.parse(response.body.trim().split('\n').at(-1) ?? '{}') as Done;
}

// List prices, USD per token: gpt-4o $2.50 / $10 per Mtok, gpt-4o-mini $0.15 / $0.60 per Mtok.
const GPT_4O = (input: number, output: number) => input * 2.5e-6 + output * 10e-6;
const GPT_4O_MINI = (input: number, output: number) => input * 0.15e-6 + output * 0.6e-6;
/** 10 gpt-4o requests of 1,000 in / 200 out: 10 × (0.0025 + 0.002) = $0.045. */
const GPT_4O_DAY = 10 * GPT_4O(1_000, 200);
/** 20 gpt-4o-mini requests of 2,000 in / 500 out: 20 × (0.0003 + 0.0003) = $0.012. */
const MINI_DAY = 20 * GPT_4O_MINI(2_000, 500);

function usageFile(): string {
  const events: object[] = [];
  const add = (day: string, model: string, count: number, input: number, output: number) => {
    for (let index = 0; index < count; index += 1) {
      const timestamp = `${day}T${String(8 + (index % 10)).padStart(2, '0')}:00:00Z`;
      events.push({ timestamp, provider: 'openai', model, input_tokens: input, output_tokens: output });
    }
  };
  add('2025-03-01', 'gpt-4o', 10, 1_000, 200);
  add('2025-03-01', 'gpt-4o-mini', 20, 2_000, 500);
  add('2025-03-02', 'gpt-4o', 10, 1_000, 200);
  add('2025-03-03', 'gpt-4o-mini', 20, 2_000, 500);
  return events.map((event) => JSON.stringify(event)).join('\n');
}

const DAY_S = 86_400;
const MARCH_1 = Date.UTC(2025, 2, 1) / 1000;

function bucket(dayIndex: number, results: [string, number, string?][]) {
  return {
    object: 'bucket',
    start_time: MARCH_1 + dayIndex * DAY_S,
    end_time: MARCH_1 + (dayIndex + 1) * DAY_S,
    results: results.map(([line_item, value, currency = 'usd']) => ({
      object: 'organization.costs.result',
      amount: { value, currency },
      line_item,
      project_id: null,
    })),
  };
}

/** The bill: matches on day 1, gpt-4o billed $0.015 more on day 2 plus gpt-4.1 never used, day 4 billed only. */
function costExport(): string {
  return JSON.stringify({
    object: 'page',
    data: [
      bucket(0, [
        ['gpt-4o-2024-08-06, input', 0.025],
        ['gpt-4o-2024-08-06, output', 0.02],
        ['gpt-4o-mini-2024-07-18, input', 0.006],
        ['gpt-4o-mini-2024-07-18, output', 0.006],
      ]),
      bucket(1, [
        ['gpt-4o-2024-08-06, input', 0.025],
        ['gpt-4o-2024-08-06, output', 0.035],
        ['gpt-4.1-2025-04-14, output', 0.5],
        ['gpt-4o-2024-08-06, cached input', 0.01, 'eur'],
      ]),
      bucket(3, [['gpt-4o-2024-08-06, input', 0.1]]),
    ],
    has_more: false,
  });
}

describe('bill reconciliation', () => {
  let orgId = '';
  let key = '';
  let costs: Done;
  let reconciliation: Reconciliation;

  beforeAll(async () => {
    ({ orgId, key } = await newTestOrganization(test, 'reconcile'));
    expect((await upload(key, usageFile())).stored).toBe(60);
    costs = await upload(key, costExport());
    reconciliation = await test.backend.services.billing.reconcile(orgId, {});
  });

  it('stores the cost export as billed cost, refusing the line in euros with its reason', () => {
    expect(costs).toMatchObject({ kind: 'billed_cost', format: 'openai_costs', stored: 8, rejected: 1 });
    expect(costs.billed_cost_usd).toBeCloseTo(0.025 + 0.02 + 0.006 + 0.006 + 0.025 + 0.035 + 0.5 + 0.1, 10);
    expect(costs.errors).toEqual([
      {
        line: 1,
        field: 'amount.currency',
        reason: expect.stringMatching(/"eur".*only bills in USD/) as string,
      },
    ]);
  });

  it('gives the gap per day × model, equal to the bill minus the list-price cost', () => {
    const rows = reconciliation.rows.map((row) => [row.day, row.model, row.status]);
    expect(rows).toEqual([
      ['2025-03-01', 'gpt-4o', 'matched'],
      ['2025-03-01', 'gpt-4o-mini', 'matched'],
      ['2025-03-02', 'gpt-4.1', 'billed_without_usage'],
      ['2025-03-02', 'gpt-4o', 'billed_more'],
      ['2025-03-03', 'gpt-4o-mini', 'usage_without_bill'],
      ['2025-03-04', 'gpt-4o', 'billed_without_usage'],
    ]);
    const expected: [number, number][] = [
      [GPT_4O_DAY, 0.045],
      [MINI_DAY, 0.012],
      [0, 0.5],
      [GPT_4O_DAY, 0.06],
      [MINI_DAY, 0],
      [0, 0.1],
    ];
    reconciliation.rows.forEach((row, index) => {
      const [used, billed] = expected[index] ?? [NaN, NaN];
      expect(row.usage_cost_usd, `${row.day} ${row.model}`).toBeCloseTo(used, 9);
      expect(row.billed_cost_usd).toBeCloseTo(billed, 9);
      expect(row.gap_usd).toBeCloseTo(billed - used, 9);
    });
  });

  it('states the planted overcharge in percent and names its line items', () => {
    // $0.060 billed for $0.045 of usage: +$0.015 = 25% of the bill.
    expect(reconciliation.rows[3]?.gap_pct).toBeCloseTo(25, 6);
    expect(reconciliation.rows[3]?.line_items).toEqual([
      'gpt-4o-2024-08-06, input',
      'gpt-4o-2024-08-06, output',
    ]);
    expect(reconciliation.rows[4]?.requests).toBe(20);
  });

  it('says which side is missing what, and totals both sides', () => {
    expect(reconciliation.missing).toEqual({
      days_billed_without_usage: ['2025-03-04'],
      days_used_without_bill: ['2025-03-03'],
      models_billed_without_usage: [{ provider: 'openai', model: 'gpt-4.1' }],
      models_used_without_bill: [],
    });
    const used = 2 * GPT_4O_DAY + 2 * MINI_DAY;
    const billed = 0.057 + 0.56 + 0.1;
    expect(reconciliation.totals.usage_cost_usd).toBeCloseTo(used, 9);
    expect(reconciliation.totals.billed_cost_usd).toBeCloseTo(billed, 9);
    expect(reconciliation.totals.gap_usd).toBeCloseTo(billed - used, 9);
    expect(reconciliation.period).toEqual({ start: '2025-03-01', end: '2025-03-04' });
  });

  it('keeps the bill once when the same export is uploaded again', async () => {
    await upload(key, costExport());
    const again = await test.backend.services.billing.reconcile(orgId, {});
    expect(again.totals).toEqual(reconciliation.totals);
    expect(again.rows).toEqual(reconciliation.rows);
  });

  it('narrows to whole days of the window', async () => {
    const window = await test.backend.services.billing.reconcile(orgId, {
      from: '2025-03-02',
      to: '2025-03-03',
    });
    expect(window.rows.map((row) => [row.day, row.model])).toEqual([
      ['2025-03-02', 'gpt-4.1'],
      ['2025-03-02', 'gpt-4o'],
    ]);
  });
});

describe('cost export uploads', () => {
  /** An Anthropic cost report: $1.2345 of Sonnet input, a line without amount, a line in yen. */
  const anthropicReport = JSON.stringify({
    data: [
      {
        starting_at: '2025-08-01T00:00:00Z',
        ending_at: '2025-08-02T00:00:00Z',
        results: [
          {
            currency: 'USD',
            amount: '123.45',
            model: 'claude-sonnet-4-20250514',
            description: 'Sonnet input',
          },
          { currency: 'USD', model: 'claude-sonnet-4-20250514', description: 'Sonnet output' },
          { currency: 'JPY', amount: '500', model: 'claude-sonnet-4-20250514', description: 'Sonnet cache' },
        ],
      },
    ],
    has_more: false,
  });

  it('stores a cost export named by format, refusing its malformed lines one by one', async () => {
    const { orgId, key } = await newTestOrganization(test, 'anthropic-costs');
    const done = await upload(key, anthropicReport, '?format=anthropic_costs');
    expect(done).toMatchObject({ kind: 'billed_cost', format: 'anthropic_costs', stored: 1, rejected: 2 });
    expect(done.errors.map((error) => error.field)).toEqual(['amount', 'currency']);
    const reconciliation = await test.backend.services.billing.reconcile(orgId, {});
    expect(reconciliation.rows).toMatchObject([
      { day: '2025-08-01', provider: 'anthropic', model: 'claude-sonnet-4-0', billed_cost_usd: 1.2345 },
    ]);
  });

  it('stores a cost export as billed cost even when a usage format was asked for', async () => {
    const { key } = await newTestOrganization(test, 'costs-as-usage');
    const done = await upload(key, costExport(), '?format=openai');
    expect(done).toMatchObject({ kind: 'billed_cost', format: 'openai_costs', stored: 8 });
  });

  it('refuses a usage file named as a cost export', async () => {
    const { key } = await newTestOrganization(test, 'usage-as-costs');
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/files?format=openai_costs',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
      payload: usageFile(),
    });
    const lines = response.body.trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['done']);
    const done = JSON.parse(lines[0] ?? '{}') as Done;
    expect(done).toMatchObject({ kind: 'billed_cost', stored: 0, rejected: 60 });
    expect(done.errors[0]).toMatchObject({ line: 1, field: 'amount' });
  });
});

describe('reconciliation in the OpenAPI document', () => {
  it('documents GET /api/v1/orgs/{org_id}/reconciliation with its window and answer', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/openapi.json' });
    type Operation = {
      parameters?: { name: string; in: string }[];
      responses?: Record<string, { content?: Record<string, { schema?: { properties?: object } }> }>;
    };
    const paths = response.json<{ paths: Record<string, { get?: Operation }> }>().paths;
    const operation = paths['/api/v1/orgs/{org_id}/reconciliation']?.get;
    expect(operation?.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual([
      'path:org_id',
      'query:from',
      'query:to',
    ]);
    const answer = operation?.responses?.['200']?.content?.['application/json']?.schema?.properties ?? {};
    expect(Object.keys(answer).sort()).toEqual(['missing', 'notes', 'period', 'rows', 'tolerance', 'totals']);
    expect(operation?.responses?.['403']).toBeDefined();
  });
});
