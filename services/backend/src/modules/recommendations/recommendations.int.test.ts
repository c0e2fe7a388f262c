/**
 * Realized savings, the must-show: an organization sends 14 days of traffic on a feature using
 * Claude Sonnet 4 (through the real ingestion service), and from day 7 on its requests read most of
 * their prompt from the cache — the customer applied prompt caching. The engine's report of the first
 * 7 days proposes prompt caching; marked applied at day 7, the reported realized saving equals a
 * recomputation here from the generated rows, priced with the catalog, and the cache-read share goes
 * from 0 to the seeded share. Applied at day 12 (2 days after), there is not enough data yet.
 * Also: two racing state changes, one wins. (HTTP access and transitions: reports.int.test.)
 * @module
 */
import { analyzeUsage, createPriceCatalog, type AnalysisReport } from '@netra/optimizer';
import type { Recommendation } from '@netra/shared/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestRun, reportDraftOf } from '#test-support/reports/report-fixtures.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { RecommendationsRepository } from './recommendations.repository.js';

const DAY_MS = 86_400_000;
const FEATURE = 'support-bot';
const MODEL = 'claude-sonnet-4';
const PER_DAY = 20;
const PREFIX = ['sys-a', 'sys-b', 'sys-c', 'sys-d'];

let test: BackendTestApp;
let orgId = '';
const firstDay = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 14 * DAY_MS);
const dayStart = (day: number) => new Date(firstDay.getTime() + day * DAY_MS);

/** The §4.1 fields these events carry. */
interface SeedEvent {
  timestamp: string;
  model: string;
  feature: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  prefix_hashes?: string[];
  prefix_block_tokens?: number;
}
const events: SeedEvent[] = [];

/** Day d, request i: a burst a minute apart, same 2,048-token prefix; from day 7 the prefix is a cache read. */
function supportBotEvent(day: number, index: number): SeedEvent {
  const cached = day >= 7 && index > 0;
  return {
    timestamp: new Date(dayStart(day).getTime() + 9 * 3_600_000 + index * 60_000).toISOString(),
    model: MODEL,
    feature: FEATURE,
    input_tokens: 3_000 + index * 10,
    output_tokens: 150 + ((day * 7 + index) % 40),
    cache_read_tokens: cached ? 2_048 : 0,
    prefix_hashes: [...PREFIX, `user-${day}-${index}`],
    prefix_block_tokens: 512,
  };
}

/** Other traffic of the organization, on another feature and model: never in the scope. */
function searchEvent(day: number, index: number): SeedEvent {
  return {
    timestamp: new Date(dayStart(day).getTime() + 15 * 3_600_000 + index * 97_000).toISOString(),
    model: 'gpt-4o-mini',
    feature: 'search',
    input_tokens: 800,
    output_tokens: 90 + index,
    cache_read_tokens: 0,
  };
}

function seed(): SeedEvent[] {
  for (let day = 0; day < 14; day += 1) {
    for (let index = 0; index < PER_DAY; index += 1) {
      events.push(supportBotEvent(day, index));
    }
    for (let index = 0; index < 5; index += 1) {
      events.push(searchEvent(day, index));
    }
  }
  return events;
}

beforeAll(async () => {
  test = await startBackendTestApp();
  ({ orgId } = await newTestOrganization(test, 'realized'));
  const result = await test.backend.services.ingestion.ingest(orgId, seed(), 'test');
  expect(result).toMatchObject({ accepted: events.length, rejected: [], unpriced: 0 });
}, 240_000);

afterAll(async () => {
  await test.close();
});

/** The report of days 0–6 (before caching) stored as a run's report; its prompt-caching recommendation. */
async function promptCachingRecommendation(): Promise<Recommendation> {
  const analysis: AnalysisReport = await analyzeUsage(test.backend.usageAnalysis, {
    scope: { orgId, from: dayStart(0), to: dayStart(7) },
    catalog: createPriceCatalog(),
  });
  const run = await newTestRun(test, orgId);
  const saved = await test.backend.services.reports.saveRunReport({
    orgId,
    ...run,
    createdAt: dayStart(7),
    draft: reportDraftOf(analysis),
  });
  const page = await test.backend.services.recommendations.list(orgId, { limit: 100, report_id: saved.id });
  const found = page.items.find((item) => item.kind === 'prompt_caching');
  if (found === undefined) {
    throw new Error(`no prompt_caching recommendation in ${page.items.map((item) => item.kind).join(', ')}`);
  }
  return found;
}

/** The generated support-bot rows of days [from, to), each priced with the catalog. */
function pricedSide(from: number, to: number) {
  const catalog = createPriceCatalog();
  const rows = events.filter((event) => {
    const at = Date.parse(event.timestamp);
    return event.feature === FEATURE && at >= dayStart(from).getTime() && at < dayStart(to).getTime();
  });
  const priced = (event: SeedEvent) =>
    catalog.price({
      model: event.model,
      timestamp: new Date(event.timestamp),
      usage: { ...event, cache_write_tokens: 0, reasoning_tokens: 0 },
    }).costUsd ?? Number.NaN;
  const total = (value: (event: SeedEvent) => number) => rows.reduce((sum, event) => sum + value(event), 0);
  const cacheShare = total((event) => event.cache_read_tokens) / total((event) => event.input_tokens);
  return { requests: rows.length, cost: total(priced), cacheShare, days: to - from };
}

/** The independent figures: before = days 0–6, after = days 7–13, realized as the contract defines it. */
function expectedFigures() {
  const before = pricedSide(0, 7);
  const after = pricedSide(7, 14);
  const perRequest = (figures: typeof before) => figures.cost / figures.requests;
  const requestsPerMonthAfter = (after.requests / after.days) * 30;
  return { before, after, realized: (perRequest(before) - perRequest(after)) * requestsPerMonthAfter };
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('realized savings of an applied prompt-caching recommendation', () => {
  it('says there is not enough data 2 days after, then measures the saving from the day it was applied', async () => {
    const recommendation = await promptCachingRecommendation();
    expect(recommendation).toMatchObject({ status: 'proposed', proven: true, realized: null });
    const scope = recommendation.scope;
    expect(scope.feature === FEATURE || scope.model?.startsWith(MODEL) === true).toBe(true);
    const { recommendations } = test.backend.services;

    const early = await recommendations.update(orgId, recommendation.id, {
      status: 'applied',
      applied_at: dayStart(12).toISOString(),
    });
    expect(early.realized).toMatchObject({ status: 'not_enough_data', days_after: 2, min_days: 3 });

    await recommendations.update(orgId, recommendation.id, { status: 'proposed' });
    const applied = await recommendations.update(orgId, recommendation.id, {
      status: 'applied',
      applied_at: dayStart(7).toISOString(),
    });
    const expected = expectedFigures();
    const realized = applied.realized;
    if (realized?.status !== 'measured') {
      throw new Error(`not measured: ${JSON.stringify(realized)}`);
    }
    expect(realized).toMatchObject({
      days_before: 7,
      days_after: 7,
      before: { requests: expected.before.requests },
      after: { requests: expected.after.requests },
      metric: { name: 'cache_read_share_of_input_tokens', before: 0 },
    });
    expect(relative(realized.before.cost_usd, expected.before.cost)).toBeLessThan(1e-6);
    expect(relative(realized.after.cost_usd, expected.after.cost)).toBeLessThan(1e-6);
    expect(relative(realized.realized_monthly_savings_usd, expected.realized)).toBeLessThan(1e-6);
    expect(realized.realized_monthly_savings_usd).toBeGreaterThan(0);
    expect(relative(realized.metric.after, expected.after.cacheShare)).toBeLessThan(1e-9);
    expect((await recommendations.get(orgId, recommendation.id)).realized).toEqual(realized);
  }, 240_000);
});

describe('changing a recommendation’s state', () => {
  it('lets one of two racing changes win; the other is refused, never half applied', async () => {
    const { id } = await promptCachingRecommendation();
    const { recommendations } = test.backend.services;
    const outcomes = await Promise.allSettled([
      recommendations.update(orgId, id, { status: 'applied', applied_at: dayStart(7).toISOString() }),
      recommendations.update(orgId, id, { status: 'dismissed', reason: 'Racing' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect([400, 409]).toContain((refused?.reason as { status?: number }).status);
    // The change is conditional on the state it was read in: a stale one matches nothing (the 409 path).
    const repository = new RecommendationsRepository(test.backend.stores.postgres.db);
    const stale = await repository.transition(orgId, id, 'proposed', {
      status: 'dismissed',
      appliedAt: null,
      dismissedReason: 'stale',
    });
    expect(stale).toBeUndefined();
  }, 240_000);
});
