/**
 * Aggregated usage end to end (issue 10, items 2, 5 and 9): usage-report files go through the real
 * upload pipeline (format reader → validation → pricing → UsageWriter → embedded ClickHouse) and
 * the engine analyzes what was stored. A bucket stands for its request count over its whole length:
 * the period runs from the first bucket's start to the last bucket's end, requests are the sum of
 * the request counts, and request-level levers are never claimed from bucket rows.
 * @module
 */
import { Readable } from 'node:stream';
import { analyzeUsage, createPriceCatalog, type AnalysisReport } from '@netra/optimizer';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportTotals } from '@netra/shared/contracts';
import { loadBackendConfig } from '#config.js';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import { importUsageFile } from '#modules/ingestion/file-import.service.js';
import type { UsageFileFormat } from '#modules/ingestion/formats/file-format.types.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { newTestOrgId } from '#test-support/clickhouse-test-support.js';

const catalog = createPriceCatalog();
let store: ClickHouseStore;
let writer: UsageWriter;
let ingestion: IngestionService;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  writer = new UsageWriter(new UsageRepository(store), { flushIntervalMs: 0 });
  ingestion = new IngestionService({
    sink: writer,
    pricer: catalog,
    validate: compileEventValidator(),
    policyOf: () => Promise.resolve({ storePrompts: false }),
  });
});

afterAll(async () => {
  await writer.close();
  await store.close();
});

/** Imports one file for `orgId` as an upload would, and answers its final totals. */
async function importText(
  orgId: string,
  text: string,
  format: UsageFileFormat,
  model?: string,
): Promise<ImportTotals> {
  const options = { format, ...(model === undefined ? {} : { model }) };
  let totals: ImportTotals | undefined;
  for await (const update of importUsageFile(ingestion, orgId, Readable.from([text]), options)) {
    if (update.type === 'done') {
      expect(update.errors).toEqual([]);
      const { type: _type, errors: _errors, ...rest } = update;
      totals = rest;
    }
  }
  if (totals === undefined) {
    throw new Error('the import ended without a summary');
  }
  return totals;
}

function analyze(orgId: string): Promise<AnalysisReport> {
  return openUsageAnalysis(store).then((source) => analyzeUsage(source, { scope: { orgId }, catalog }));
}

/** USD of `tokens` at a per-million price. */
const usd = (tokens: number, perMillion: number) => (tokens * perMillion) / 1_000_000;

/** Catalog list prices per million tokens, for the figures computed by hand below. */
function listPrices(model: string): { input: number; output: number } {
  const input = catalog.price({ model, usage: usage(1_000_000, 0) }).costUsd;
  const output = catalog.price({ model, usage: usage(0, 1_000_000) }).costUsd;
  if (input === null || output === null) {
    throw new Error(`the catalog has no price for ${model}`);
  }
  return { input, output };
}

function usage(input: number, output: number) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
  };
}

const DAY_S = 86_400;
const NOV_1 = Date.UTC(2024, 10, 1) / 1000;

/** An OpenAI usage page: one bucket per start (Unix seconds) of `length` seconds. */
function openAiPage(starts: number[], length: number, results: object[]): string {
  const buckets = starts.map((start) => ({
    object: 'bucket',
    start_time: start,
    end_time: start + length,
    results,
  }));
  return JSON.stringify({ object: 'page', data: buckets, has_more: false });
}

describe('a one-day OpenAI usage export (one daily bucket)', () => {
  const orgId = newTestOrgId();
  let report: AnalysisReport;
  const results = [
    { object: 'organization.usage.completions.result', model: 'gpt-4o-mini', num_model_requests: 53 },
    { object: 'organization.usage.completions.result', model: 'gpt-4o', num_model_requests: 7 },
  ].map((result, index) => ({ ...result, input_tokens: 100_000 * (index + 1), output_tokens: 20_000 }));

  beforeAll(async () => {
    const totals = await importText(orgId, openAiPage([NOV_1], DAY_S, results), 'openai');
    expect(totals).toMatchObject({ accepted: 2, stored: 2 });
    report = await analyze(orgId);
  });

  it('spans the whole day: the period is the bucket, and monthly = cost × 30 / 1', () => {
    const mini = listPrices('gpt-4o-mini');
    const full = listPrices('gpt-4o');
    const cost = usd(100_000, mini.input) + usd(20_000, mini.output);
    const total = cost + usd(200_000, full.input) + usd(20_000, full.output);
    expect(report.period).toMatchObject({
      start: '2024-11-01T00:00:00.000Z',
      end: '2024-11-02T00:00:00.000Z',
      days: 1,
    });
    expect(report.baseline.total_cost_usd).toBeCloseTo(total, 9);
    expect(report.baseline.monthly_cost_usd).toBeCloseTo(total * 30, 9);
  });

  it('counts the requests the buckets stand for, in total and by model', () => {
    expect(report.baseline.requests).toBe(60);
    const byModel = Object.fromEntries(report.baseline.by_model.map((slice) => [slice.key, slice.requests]));
    expect(byModel).toEqual({ 'gpt-4o-mini': 53, 'gpt-4o': 7 });
    expect(report.data_quality.notes.join('\n')).toMatch(/The data is aggregated: 60 of 60 requests/);
  });
});

describe('an hourly Anthropic Console export of two buckets', () => {
  const orgId = newTestOrgId();
  let report: AnalysisReport;
  const csv = [
    'usage_date_utc,model_version,usage_type,usage_input_tokens_no_cache,usage_output_tokens',
    '2026-03-31 02:00,claude-haiku-4-5-20251001,standard,1000000,100000',
    '2026-03-31 03:00,claude-haiku-4-5-20251001,standard,500000,50000',
  ].join('\n');

  beforeAll(async () => {
    await importText(orgId, `${csv}\n`, 'anthropic');
    report = await analyze(orgId);
  });

  it('spans two hours: monthly = cost × 30 days / 2 hours = × 360', () => {
    const haiku = listPrices('claude-haiku-4-5-20251001');
    const cost = usd(1_500_000, haiku.input) + usd(150_000, haiku.output);
    expect(report.period).toMatchObject({
      start: '2026-03-31T02:00:00.000Z',
      end: '2026-03-31T04:00:00.000Z',
    });
    expect(report.period.days).toBeCloseTo(2 / 24, 12);
    expect(report.baseline.total_cost_usd).toBeCloseTo(cost, 9);
    expect(report.baseline.monthly_cost_usd).toBeCloseTo(cost * 360, 6);
  });

  it('says the report gives no request count, counting each row as one request', () => {
    expect(report.baseline.requests).toBe(2);
    expect(report.data_quality.notes.join('\n')).toMatch(
      /2 requests come from rows whose source reports no request count/,
    );
  });
});

describe('a week of daily buckets with plenty of requests', () => {
  const orgId = newTestOrgId();
  let report: AnalysisReport;
  const starts = Array.from({ length: 7 }, (_, day) => NOV_1 + day * DAY_S);
  // Averages of 4,000 input and 300 output tokens per request: no bucket row is one request.
  const result = {
    model: 'gpt-4o',
    num_model_requests: 500,
    input_tokens: 2_000_000,
    output_tokens: 150_000,
  };

  beforeAll(async () => {
    await importText(orgId, openAiPage(starts, DAY_S, [result]), 'openai');
    report = await analyze(orgId);
  });

  it('weights the sufficiency gate by requests, not rows', () => {
    expect(report.baseline.requests).toBe(3_500);
    expect(report.data_quality.sufficiency).not.toBe('insufficient');
    expect(report.period.days).toBe(7);
  });

  it('claims no request-level lever, nor a schedule from buckets that all start at midnight', () => {
    const kinds = report.opportunities.map((opportunity) => opportunity.kind);
    for (const kind of [
      'response_caching',
      'prompt_caching',
      'output_length',
      'context_trimming',
      'batch_api',
    ]) {
      expect(kinds).not.toContain(kind);
    }
  });
});

describe('a week of hourly buckets, every day at 02:00 UTC', () => {
  const orgId = newTestOrgId();
  let report: AnalysisReport;
  const starts = Array.from({ length: 7 }, (_, day) => NOV_1 + day * DAY_S + 2 * 3_600);
  const result = {
    model: 'gpt-4o',
    num_model_requests: 500,
    input_tokens: 2_000_000,
    output_tokens: 150_000,
  };

  beforeAll(async () => {
    await importText(orgId, openAiPage(starts, 3_600, [result]), 'openai');
    report = await analyze(orgId);
  });

  it('reads the schedule from buckets of an hour, with low confidence and saying the data is aggregated', () => {
    const batch = report.opportunities.find((opportunity) => opportunity.kind === 'batch_api');
    expect(batch).toMatchObject({ confidence: 'low', evidence: { busiest_hours: [2], active_days: 7 } });
    expect(batch?.assumptions.join('\n')).toMatch(
      /100% of these requests come from aggregated usage-report rows .* streaming, latency and prompts are not known/,
    );
  });

  it('spans first bucket start to last bucket end', () => {
    expect(report.period).toMatchObject({
      start: '2024-11-01T02:00:00.000Z',
      end: '2024-11-07T03:00:00.000Z',
    });
    expect(report.period.days).toBeCloseTo(6 + 1 / 24, 12);
  });
});

describe('aggregated records that carry a prompt fingerprint', () => {
  it('are never taken for exact repeats: one bucket row is not one request', async () => {
    const orgId = newTestOrgId();
    const hour = 3_600_000;
    const start = Date.UTC(2026, 0, 5);
    const events = Array.from({ length: 72 }, (_, index) => ({
      timestamp: start + index * hour,
      period_end: start + (index + 1) * hour,
      request_count: 10,
      model: 'gpt-4o',
      feature: 'faq',
      prompt_hash: 'same-question',
      input_tokens: 20_000,
      output_tokens: 2_000,
    }));
    await importText(orgId, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`, 'canonical');
    const report = await analyze(orgId);
    expect(report.baseline.requests).toBe(720);
    expect(report.data_quality.sufficiency).not.toBe('insufficient');
    expect(report.opportunities.map((opportunity) => opportunity.kind)).not.toContain('response_caching');
  });
});

describe('segment figures of mixed rows', () => {
  it('weight a bucket as request_count requests of its average size, and leave its hour out when longer than an hour', async () => {
    const orgId = newTestOrgId();
    const events = [
      // 9 requests averaging 1,000 input and 100 output tokens over a day: hour of day unknown.
      { timestamp: '2026-02-02T00:00:00Z', period_end: '2026-02-03T00:00:00Z', request_count: 9 },
      { timestamp: '2026-02-02T15:30:00Z' },
    ].map((event, index) => ({
      ...event,
      model: 'gpt-4o',
      input_tokens: index === 0 ? 9_000 : 5_000,
      output_tokens: index === 0 ? 900 : 50,
    }));
    await importText(orgId, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`, 'canonical');
    const source = await openUsageAnalysis(store);
    const [segment] = await source.segmentFigures({ orgId });
    expect(segment).toMatchObject({
      requests: 10,
      aggregated_requests: 9,
      input_q: [1_000, 1_000],
      output_top: 100,
    });
    expect(segment?.hours[15]).toBe(1);
    expect(segment?.hours.reduce((sum, count) => sum + count, 0)).toBe(1);
    const totals = await source.totals({ orgId });
    expect(totals).toMatchObject({ requests: 10, aggregated_requests: 9, with_tokens: 10 });
    expect(totals.end_ms).toBe(Date.parse('2026-02-03T00:00:00Z'));
  });
});

describe('idempotency of aggregated rows (item 9)', () => {
  const header =
    'start_time,end_time,model,num_model_requests,input_tokens,output_tokens,api_key_redacted_value';
  const csv = [
    header,
    '1730419200,1730505600,gpt-4o,2,100,10,sk-...abcd',
    '1730419200,1730505600,gpt-4o,2,100,10,sk-...wxyz',
  ].join('\n');

  it('stores two rows that differ only in a column the converter does not read, once each', async () => {
    const orgId = newTestOrgId();
    expect(await importText(orgId, `${csv}\n`, 'openai')).toMatchObject({ stored: 2, duplicates: 0 });
    expect(await importText(orgId, `${csv}\n`, 'openai')).toMatchObject({ stored: 0, duplicates: 2 });
    const report = await analyze(orgId);
    expect(report.baseline.requests).toBe(4);
  });
});

describe('stated costs (item 5)', () => {
  it('prices a model the catalog does not know at the stated cost; only cost-less requests are unpriced', async () => {
    const orgId = newTestOrgId();
    const base = { model: 'in-house-llm-v3', input_tokens: 1_000, output_tokens: 100 };
    const events = [
      { ...base, timestamp: '2026-01-01T00:00:00Z', cost_usd: 0.25 },
      { ...base, timestamp: '2026-01-01T06:00:00Z', cost_usd: 0.5 },
      { ...base, timestamp: '2026-01-01T12:00:00Z' },
    ];
    await importText(orgId, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`, 'canonical');
    const report = await analyze(orgId);
    expect(report.baseline.total_cost_usd).toBeCloseTo(0.75, 12);
    expect(report.baseline.unpriced_requests).toBe(1);
    expect(report.data_quality.notes.join('\n')).toMatch(
      /2 requests are on models the price catalog does not know; their cost \(\$0\.75\)/,
    );
  });
});
