/**
 * An analysis session (UsageSource.openAnalysis) against the plain reads of the same source: the
 * per-request flags computed once into one scratch table, the same flag sums and the same passes
 * (page after page, twice), and the table dropped when it closes.
 * @module
 */
import { DEFAULT_SETTINGS, type AnalyzedRequest } from '@netra/optimizer';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { newTestOrgId, usageRow, usageRows } from '#test-support/clickhouse-test-support.js';
import { UsageRepository } from './usage.repository.js';
import { openUsageAnalysis, type UsageAnalysisSource } from './usage-analysis-source.js';

let store: ClickHouseStore;
let source: UsageAnalysisSource;
const orgId = newTestOrgId();
/** Two pages and one row, and five requests of another feature. */
const COUNT = 100_001;
const ALL = COUNT + 5;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  const usage = new UsageRepository(store);
  source = await openUsageAnalysis(store, usage);
  await usage.insertRows(usageRows(orgId, COUNT));
  await usage.insertRows(
    Array.from({ length: 5 }, (_, index) =>
      usageRow({
        org_id: orgId,
        feature: 'other-feature',
        timestamp: new Date(Date.UTC(2025, 4, 12, 11, index)),
      }),
    ),
  );
  await usage.insertRows(usageRows(newTestOrgId(), 3));
});

afterAll(async () => {
  await store.close();
});

async function pass(requests: AsyncIterable<Iterable<AnalyzedRequest>>): Promise<AnalyzedRequest[]> {
  const all: AnalyzedRequest[] = [];
  for await (const chunk of requests) {
    // A request is valid until the next is read: keep copies.
    all.push(...Array.from(chunk, (request) => ({ ...request })));
  }
  return all;
}

async function analysisTables(): Promise<string[]> {
  return (await source.scratch.tables()).filter((name) => name.startsWith('analyzed_requests_'));
}

describe('an analysis session', () => {
  it('computes the flags once: the same flag sums and passes as the plain reads, its table dropped on close', async () => {
    const scope = { orgId };
    const plainFlags = await source.segmentFlags(scope, DEFAULT_SETTINGS);
    const plainPass = await pass(source.analyzedRequests(scope, DEFAULT_SETTINGS));
    const before = await analysisTables();
    const session = await source.openAnalysis(scope, DEFAULT_SETTINGS);
    let during: string[];
    let passes: AnalyzedRequest[][];
    let flags;
    try {
      during = await analysisTables();
      flags = await session.segmentFlags(scope, DEFAULT_SETTINGS);
      passes = [
        await pass(session.analyzedRequests(scope, DEFAULT_SETTINGS)),
        await pass(session.analyzedRequests(scope, DEFAULT_SETTINGS)),
      ];
      // Both passes read the session's one table: no other was made.
      expect(await analysisTables()).toEqual(during);
    } finally {
      await session.close();
    }
    expect(during.filter((name) => !before.includes(name))).toHaveLength(1);
    // Dollar sums differ only in the order ClickHouse adds them (last digits).
    expect(flags).toEqual(
      plainFlags.map((row) => ({ ...row, repeat_cost: expect.closeTo(row.repeat_cost, 6) as number })),
    );
    expect(plainPass).toHaveLength(ALL);
    expect(passes).toEqual([plainPass, plainPass]);
    expect(await analysisTables()).toEqual(before);
  });

  it('stops a pass after its first page with the next page already asked for, and closes cleanly', async () => {
    const scope = { orgId };
    const before = await analysisTables();
    const session = await source.openAnalysis(scope, DEFAULT_SETTINGS);
    const firstPages: AnalyzedRequest[][] = [];
    try {
      for await (const chunk of session.analyzedRequests(scope, DEFAULT_SETTINGS)) {
        firstPages.push(Array.from(chunk, (request) => ({ ...request })));
        break;
      }
      // The session still reads whole passes after one was abandoned with a page in flight.
      expect(await pass(session.analyzedRequests(scope, DEFAULT_SETTINGS))).toHaveLength(ALL);
    } finally {
      await session.close();
    }
    expect(firstPages.map((chunk) => chunk.length)).toEqual([50_000]);
    expect(await analysisTables()).toEqual(before);
  });

  it('reads only the segments asked for, when asked', async () => {
    const scope = { orgId };
    const all = await pass(source.analyzedRequests(scope, DEFAULT_SETTINGS));
    const last = all.at(-1);
    const segment = {
      feature: last?.feature ?? '',
      provider: last?.provider ?? '',
      model: last?.model ?? '',
    };
    const inSegment = all.filter(
      (request) =>
        request.feature === segment.feature &&
        request.provider === segment.provider &&
        request.model === segment.model,
    );
    const session = await source.openAnalysis(scope, DEFAULT_SETTINGS);
    try {
      expect(await pass(session.analyzedRequests(scope, DEFAULT_SETTINGS, [segment]))).toEqual(inSegment);
      expect(await pass(session.analyzedRequests(scope, DEFAULT_SETTINGS, []))).toEqual([]);
    } finally {
      await session.close();
    }
    expect(segment.feature).toBe('other-feature');
    expect(inSegment).toHaveLength(5);
  });
});
