/**
 * One time-window rule for every read of usage_events: the half-open `[from, to)`. Events one
 * millisecond either side of each bound show that the usage API (repository) and the engine's
 * analysis source (profile, per-request pass, cost summary) keep exactly the same events.
 * @module
 */
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { DEFAULT_SETTINGS } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { newTestOrgId, usageRow } from '#test-support/clickhouse-test-support.js';
import { openUsageAnalysis, type UsageAnalysisSource } from './usage-analysis-source.js';
import { UsageRepository } from './usage.repository.js';

let store: ClickHouseStore;
let usage: UsageRepository;
let analysis: UsageAnalysisSource;

const orgId = newTestOrgId();
const from = new Date(Date.UTC(2025, 5, 2, 9, 0, 0));
const to = new Date(Date.UTC(2025, 5, 2, 10, 0, 0));
const shifted = (date: Date, ms: number) => new Date(date.getTime() + ms);
const EVENTS = {
  before_from: shifted(from, -1),
  at_from: from,
  before_to: shifted(to, -1),
  at_to: to,
};

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  usage = new UsageRepository(store);
  analysis = await openUsageAnalysis(store, usage);
  await usage.insertRows(
    Object.entries(EVENTS).map(([id, timestamp]) => usageRow({ org_id: orgId, event_id: id, timestamp })),
  );
});

afterAll(async () => {
  await store.close();
});

describe('the window [from, to)', () => {
  it('keeps an event exactly at from and drops one exactly at to, in the usage API', async () => {
    expect(await usage.countEvents(orgId, { from, to })).toBe(2);
    const listed = await usage.listEvents(orgId, { from, to });
    expect(listed.map((row) => row.event_id)).toEqual(['at_from', 'before_to']);
    expect((await usage.costSummary(orgId, { from, to })).requests).toBe(2);
  });

  it('keeps the same events in every read of the analysis source', async () => {
    const scope = { orgId, from, to };
    const totals = await analysis.totals(scope);
    expect(totals).toMatchObject({ requests: 2, start_ms: from.getTime(), end_ms: to.getTime() - 1 });
    expect((await analysis.costSummary(scope)).requests).toBe(2);
    const figures = await analysis.segmentFigures(scope);
    expect(figures.reduce((sum, segment) => sum + segment.requests, 0)).toBe(2);
    const times: number[] = [];
    for await (const chunk of analysis.analyzedRequests(scope, DEFAULT_SETTINGS)) {
      times.push(...Array.from(chunk, (request) => request.timestamp));
    }
    expect(times).toEqual([from.getTime(), to.getTime() - 1]);
  });

  it('splits adjacent windows without counting the boundary event twice', async () => {
    const start = shifted(from, -60_000);
    const end = shifted(to, 60_000);
    const first = await usage.countEvents(orgId, { from: start, to: from });
    const second = await usage.countEvents(orgId, { from, to: end });
    expect([first, second]).toEqual([1, 3]);
    expect(await usage.countEvents(orgId, { from: start, to: end })).toBe(4);
  });
});
