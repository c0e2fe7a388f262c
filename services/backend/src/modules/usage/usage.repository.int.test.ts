import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { UsageRow } from './usage-row.js';
import { UsageWriter } from './usage-writer.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { newTestOrgId, usageRow, usageRows } from '#test-support/clickhouse-test-support.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { UsageRepository } from './usage.repository.js';

let store: ClickHouseStore;
let usage: UsageRepository;
let writer: UsageWriter;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  usage = new UsageRepository(store);
  writer = new UsageWriter(usage, { flushIntervalMs: 5 });
});

afterAll(async () => {
  await writer.close();
  await store.close();
});

const byTime = (a: UsageRow, b: UsageRow) =>
  a.timestamp.getTime() - b.timestamp.getTime() || a.event_id.localeCompare(b.event_id);

/** Overrides exercising every type edge: nulls, unpriced, errors, empty collections, awkward text. */
const EDGES: Partial<UsageRow>[] = [
  {},
  {
    timestamp: new Date('2025-05-12T23:59:59.999Z'),
    status: 'error',
    error_type: 'rate_limit',
    latency_ms: null,
    ttft_ms: null,
    reported_cost_usd: null,
    cost_usd: null,
    priced_provider: '',
    priced_model: '',
    max_tokens: null,
    temperature: null,
    input_tokens: 2 ** 40,
    prefix_hashes: [],
    tags: [],
    metadata: {},
    prompt: '',
  },
  {
    timestamp: new Date('1999-12-31T23:59:59.001Z'),
    event_id: `quote"back\\slash'tab\tnewline\n`,
    prompt: 'multi\nline\ttext with "quotes", \\ and émojis 😀 and NUL \u0000',
    cost_usd: 0.1 + 0.2,
    temperature: 1e-7,
    metadata: { 'key with "quotes"': 'value\nwith newline', '': 'empty key' },
    tags: ["it's", '[bracket]', ''],
    batch: true,
    stream: false,
  },
];

const edgeRows = (orgId: string) => EDGES.map((overrides) => usageRow({ org_id: orgId, ...overrides }));

/** Rows physically stored for the organization, copies included (no FINAL). */
async function physicalRows(orgId: string): Promise<number> {
  const [row] = await store.queryRows<{ n: number }>(
    `SELECT count() AS n FROM ${store.table('usage_events')} WHERE org_id = {org_id:String}`,
    { org_id: orgId },
  );
  return row?.n ?? 0;
}

describe('usage repository: storing and reading back', () => {
  it('returns every accepted event with all its fields exactly as written', async () => {
    const orgId = newTestOrgId();
    const rows = edgeRows(orgId);
    await expect(writer.write(rows)).resolves.toEqual({ stored: 3, duplicates: 0 });
    const found = await usage.findEventsById(
      orgId,
      rows.map((row) => row.event_id),
    );
    expect(found).toEqual([...rows].sort(byTime));
    expect(await usage.listEvents(orgId)).toEqual([...rows].sort(byTime));
  });

  it('stores text with a broken UTF-16 surrogate, with U+FFFD in its place', async () => {
    const orgId = newTestOrgId();
    const row = usageRow({ org_id: orgId, feature: 'broken \ud800 text', tags: ['\udc00'] });
    await writer.write([row]);
    const [stored] = await usage.findEventsById(orgId, [row.event_id]);
    expect(stored?.feature).toBe('broken \ufffd text');
    expect(stored?.tags).toEqual(['\ufffd']);
  });

  it('adds nothing when a batch is re-sent: same counts and sums, every row reported as a duplicate', async () => {
    const orgId = newTestOrgId();
    const rows = usageRows(orgId, 50);
    await expect(writer.write(rows)).resolves.toEqual({ stored: 50, duplicates: 0 });
    const before = await usage.costSummary(orgId, {});
    const resent = rows.map((row) => ({ ...row, ingested_at: new Date() }));
    await expect(writer.write(resent)).resolves.toEqual({ stored: 0, duplicates: 50 });
    expect(await usage.countEvents(orgId)).toBe(50);
    const after = await usage.costSummary(orgId, {});
    expect([after.requests, after.unpriced_requests]).toEqual([before.requests, before.unpriced_requests]);
    expect(after.total_cost_usd).toBeCloseTo(before.total_cost_usd, 12);
  });

  it('recognizes re-sent events whatever their id text or time', async () => {
    const orgId = newTestOrgId();
    const rows = [
      usageRow({
        org_id: orgId,
        event_id: 'broken \ud800 id',
        timestamp: new Date('1950-06-01T00:00:30.5Z'),
      }),
      usageRow({
        org_id: orgId,
        event_id: 'quote" \\ newline\n 😀',
        timestamp: new Date('2299-12-31T23:59:59.999Z'),
      }),
    ];
    await expect(writer.write(rows)).resolves.toEqual({ stored: 2, duplicates: 0 });
    await expect(writer.write(rows)).resolves.toEqual({ stored: 0, duplicates: 2 });
    expect(await usage.countEvents(orgId)).toBe(2);
  });

  it('stores a batch with duplicates inside once', async () => {
    const orgId = newTestOrgId();
    const rows = usageRows(orgId, 10);
    const batch = [...rows, ...rows.slice(0, 4).map((row) => ({ ...row })), rows[0] as UsageRow];
    await expect(writer.write(batch)).resolves.toEqual({ stored: 10, duplicates: 5 });
    expect(await usage.countEvents(orgId)).toBe(10);
  });

  it('stores each event once when many callers send overlapping batches at the same time', async () => {
    const orgId = newTestOrgId();
    const rows = usageRows(orgId, 200);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, caller) => writer.write(rows.slice(caller * 20, caller * 20 + 60))),
    );
    expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(200);
    expect(await usage.countEvents(orgId)).toBe(200);
  });

  it('shows an event stored twice by racing writers once in every read', async () => {
    const orgId = newTestOrgId();
    const rows = usageRows(orgId, 5);
    const events = store.table('usage_events');
    // Merges would collapse the copies in the background; hold them so the reads must do it.
    await store.command(`SYSTEM STOP MERGES ${events}`);
    try {
      // The raw path skips the duplicate check, as two writers racing past it would.
      await usage.insertRows(rows);
      await usage.insertRows(
        rows.map((row) => ({ ...row, ingested_at: new Date(row.ingested_at.getTime() + 1) })),
      );
      expect(await physicalRows(orgId)).toBe(10);
      expect(await usage.countEvents(orgId)).toBe(5);
      expect(await usage.listEvents(orgId)).toHaveLength(5);
      expect(await usage.findEventsById(orgId, [rows[0]?.event_id ?? ''])).toHaveLength(1);
      const summary = await usage.costSummary(orgId, {});
      expect([summary.requests, summary.by_model[0]?.requests]).toEqual([5, 5]);
      expect(summary.total_cost_usd).toBeCloseTo(5 * 0.00046215, 12);
    } finally {
      await store.command(`SYSTEM START MERGES ${events}`);
    }
  });
});

describe('usage repository: read model', () => {
  const orgId = newTestOrgId();
  const at = (hour: number) => new Date(Date.UTC(2025, 5, 1, hour));
  const rows = [
    usageRow({ org_id: orgId, timestamp: at(1), model: 'gpt-4o', feature: 'chat', cost_usd: 0.5 }),
    usageRow({ org_id: orgId, timestamp: at(2), model: 'gpt-4o', feature: 'search', cost_usd: 0.25 }),
    usageRow({ org_id: orgId, timestamp: at(3), model: 'gpt-4o-mini', feature: 'chat', cost_usd: 0.125 }),
    usageRow({
      org_id: orgId,
      timestamp: at(4),
      provider: 'acme',
      model: 'mystery',
      feature: 'chat',
      cost_usd: null,
    }),
  ];

  beforeAll(async () => {
    await writer.write(rows);
  });

  it('counts events in a half-open window', async () => {
    expect(await usage.countEvents(orgId)).toBe(4);
    expect(await usage.countEvents(orgId, { from: at(2) })).toBe(3);
    expect(await usage.countEvents(orgId, { from: at(2), to: at(4) })).toBe(2);
    expect(await usage.countEvents(orgId, { to: at(1) })).toBe(0);
  });

  it('lists events oldest first, within the window and the limit', async () => {
    const listed = await usage.listEvents(orgId, { from: at(2), limit: 2 });
    expect(listed.map((row) => row.event_id)).toEqual([rows[1]?.event_id, rows[2]?.event_id]);
  });

  it('summarizes cost in total, by model and by feature, keeping unpriced apart from $0', async () => {
    const summary = await usage.costSummary(orgId, { from: at(0), to: at(24) });
    expect(summary).toMatchObject({ requests: 4, total_cost_usd: 0.875, unpriced_requests: 1 });
    expect(summary.by_model).toEqual([
      { provider: 'openai', model: 'gpt-4o', requests: 2, cost_usd: 0.75, unpriced_requests: 0 },
      { provider: 'openai', model: 'gpt-4o-mini', requests: 1, cost_usd: 0.125, unpriced_requests: 0 },
      { provider: 'acme', model: 'mystery', requests: 1, cost_usd: 0, unpriced_requests: 1 },
    ]);
    expect(summary.by_feature).toEqual([
      { feature: 'chat', requests: 3, cost_usd: 0.625, unpriced_requests: 1 },
      { feature: 'search', requests: 1, cost_usd: 0.25, unpriced_requests: 0 },
    ]);
  });

  it('answers an empty window with zeros', async () => {
    expect(await usage.costSummary(orgId, { from: at(10), to: at(11) })).toEqual({
      requests: 0,
      total_cost_usd: 0,
      unpriced_requests: 0,
      by_model: [],
      by_feature: [],
    });
  });
});

describe('usage repository: organizations never see each other', () => {
  const orgA = newTestOrgId();
  const orgB = newTestOrgId();
  // Both organizations use the same event ids: ids are only unique within an organization.
  const rowsA = usageRows(orgA, 3).map((row, index) => ({
    ...row,
    event_id: `shared_${index}`,
    feature: 'a',
  }));
  const rowsB = usageRows(orgB, 5).map((row, index) => ({
    ...row,
    event_id: `shared_${index}`,
    feature: 'b',
  }));
  const onlyB = usageRow({ org_id: orgB, event_id: 'only_b' });

  beforeAll(async () => {
    await expect(writer.write(rowsA)).resolves.toEqual({ stored: 3, duplicates: 0 });
    await expect(writer.write([...rowsB, onlyB])).resolves.toEqual({ stored: 6, duplicates: 0 });
  });

  it('counts and lists only the asking organization', async () => {
    expect(await usage.countEvents(orgA)).toBe(3);
    expect(await usage.countEvents(orgB)).toBe(6);
    const listed = await usage.listEvents(orgA);
    expect(listed.map((row) => [row.org_id, row.feature])).toEqual(rowsA.map(() => [orgA, 'a']));
  });

  it('finds by id only within the asking organization', async () => {
    expect(await usage.findEventsById(orgA, ['only_b'])).toEqual([]);
    const found = await usage.findEventsById(orgA, ['shared_0', 'shared_4']);
    expect(found.map((row) => [row.org_id, row.event_id])).toEqual([[orgA, 'shared_0']]);
  });

  it('summarizes cost only over the asking organization', async () => {
    const summary = await usage.costSummary(orgA, {});
    expect(summary.requests).toBe(3);
    expect(summary.by_feature.map((slice) => slice.feature)).toEqual(['a']);
  });

  it('reports an id as stored only for the organization that has it', async () => {
    const askA = [...rowsB, onlyB].map((row) => ({ ...row, org_id: orgA }));
    // Org A has shared_0..2 of its own; shared_3, shared_4 and only_b exist only in org B.
    const found = await usage.storedEventIds([...askA, usageRow({ org_id: orgB, event_id: 'never_sent' })]);
    expect([...found.keys()]).toEqual([orgA]);
    expect([...(found.get(orgA) ?? [])].sort()).toEqual(['shared_0', 'shared_1', 'shared_2']);
    const both = await usage.storedEventIds([...askA, ...rowsB, onlyB]);
    expect([both.get(orgA)?.size, both.get(orgB)?.size]).toEqual([3, 6]);
  });
});
