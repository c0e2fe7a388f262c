import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { encodeUsageRows, USAGE_COLUMNS } from '#modules/usage/usage-row-codec.js';
import { newTestOrgId, usageRow } from '#test-support/clickhouse-test-support.js';
import { AgentsRepository } from './agents.repository.js';

let store: ClickHouseStore;
let agents: AgentsRepository;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  agents = new AgentsRepository(store);
});

afterAll(async () => {
  await store.close();
});

const at = (iso: string) => new Date(iso);

/** Stores rows as the usage writer does: one insert into the events, which feeds the daily aggregate. */
const writer = {
  write: (rows: readonly UsageRow[]) =>
    store.insertCompactJson(store.table('usage_events'), USAGE_COLUMNS, encodeUsageRows(rows)),
};

/** Two days of an organization: 20 requests with latencies 10..200 ms on the 1st, errors and an aggregated row on the 2nd. */
function twoDays(orgId: string) {
  const first = Array.from({ length: 20 }, (_, index) =>
    usageRow({
      org_id: orgId,
      timestamp: new Date(Date.UTC(2025, 5, 1, 8, 0, index)),
      latency_ms: (index + 1) * 10,
      cost_usd: 0.5,
      feature: index % 2 === 0 ? 'search' : 'chat',
    }),
  );
  const second = [
    usageRow({ org_id: orgId, timestamp: at('2025-06-02T10:00:00Z'), status: 'error', cost_usd: 0.25 }),
    usageRow({ org_id: orgId, timestamp: at('2025-06-02T11:00:00Z'), cost_usd: null, latency_ms: null }),
    usageRow({
      org_id: orgId,
      timestamp: at('2025-06-02T12:00:00Z'),
      request_count: 40,
      status: 'error',
      cost_usd: 2,
      latency_ms: 500,
      feature: '',
    }),
  ];
  return [...first, ...second];
}

describe('agents repository', () => {
  it('reads the daily series: requests, cost, errors and p95 latency per UTC day', async () => {
    const orgId = newTestOrgId();
    await writer.write(twoDays(orgId));
    const [first, second, ...rest] = await agents.dailyUsage(orgId, undefined, undefined);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ day: '2025-06-01', requests: 20, cost_usd: 10, errors: 0 });
    // 95% of the way through 10..200 ms, interpolated between neighbours.
    expect(first?.p95_latency_ms).toBeCloseTo(190.5, 0);
    expect(second).toMatchObject({ day: '2025-06-02', requests: 42, cost_usd: 2.25, errors: 41 });
    expect(second?.p95_latency_ms).toBeGreaterThan(500);
  });

  it('keeps the half-open window: an event at `from` is in, one at `to` is out', async () => {
    const orgId = newTestOrgId();
    await writer.write(twoDays(orgId));
    const series = await agents.dailyUsage(orgId, at('2025-06-02T10:00:00Z'), at('2025-06-02T12:00:00Z'));
    expect(series).toEqual([
      { day: '2025-06-02', requests: 2, cost_usd: 0.25, errors: 1, p95_latency_ms: 812.25 },
    ]);
  });

  it('gives a null p95 for a day whose events carry no latency', async () => {
    const orgId = newTestOrgId();
    await writer.write([
      usageRow({ org_id: orgId, timestamp: at('2025-06-03T00:00:00Z'), latency_ms: null }),
    ]);
    const [day] = await agents.dailyUsage(orgId, undefined, undefined);
    expect(day).toEqual({
      day: '2025-06-03',
      requests: 1,
      cost_usd: 0.00046215,
      errors: 0,
      p95_latency_ms: null,
    });
  });

  it('lists feature names without the empty one and finds the latest event', async () => {
    const orgId = newTestOrgId();
    await writer.write(twoDays(orgId));
    await expect(agents.featuresOf(orgId)).resolves.toEqual(['chat', 'search', 'support-summary']);
    await expect(agents.latestEventOf(orgId)).resolves.toEqual(at('2025-06-02T12:00:00Z'));
  });

  it('answers an organization without usage with nothing', async () => {
    const orgId = newTestOrgId();
    await expect(agents.featuresOf(orgId)).resolves.toEqual([]);
    await expect(agents.latestEventOf(orgId)).resolves.toBeNull();
    await expect(agents.dailyUsage(orgId, undefined, undefined)).resolves.toEqual([]);
  });

  it('never reads another organization', async () => {
    const [mine, theirs] = [newTestOrgId(), newTestOrgId()];
    await writer.write([
      usageRow({ org_id: theirs, timestamp: at('2025-06-04T00:00:00Z'), feature: 'secret' }),
    ]);
    await expect(agents.featuresOf(mine)).resolves.toEqual([]);
    await expect(agents.dailyUsage(mine, undefined, undefined)).resolves.toEqual([]);
  });
});
