/**
 * The workload profile and the per-request pass against a real (embedded or server) ClickHouse,
 * read through the usage module's analysis source: hand-built events with known answers for the
 * §4.2 rules (exact repeats and their TTL, prefix reuse with expiry, refresh on use and the
 * 1,024-token rule), the plain segment figures, scope (organization, half-open time window, empty)
 * and the chunked per-request stream with its scratch tables.
 * @module
 */
import {
  DEFAULT_SETTINGS,
  profileTotals,
  profileWorkload,
  type AnalysisScope,
  type AnalysisSettings,
  type AnalyzedRequest,
} from '@netra/optimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { newTestOrgId, usageRows } from '#test-support/clickhouse-test-support.js';
import type { UsageRepository } from '#modules/usage/usage.repository.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { ScratchDatabase } from '#modules/usage/analysis/scratch-database.js';
import {
  PROFILE_MODEL as MODEL,
  PROFILE_T0 as T0,
  profileEvent,
  requestChunks,
  SECOND,
  segmentOf,
  useProfileStores,
} from '#test-support/profile-events.js';
import { openUsageAnalysis, UsageAnalysisSource } from '#modules/usage/usage-analysis-source.js';

let store: ClickHouseStore;
let usage: UsageRepository;
let source: UsageAnalysisSource;
useProfileStores((opened) => ({ store, usage, source } = opened));

const event = profileEvent;
const segment = segmentOf;
const allRequests = (scope: AnalysisScope, settings: AnalysisSettings) =>
  requestChunks(source, scope, settings);

describe('response caching: exact repeats of an earlier successful request', () => {
  const settings = { ...DEFAULT_SETTINGS, responseCacheTtlMs: 60 * SECOND };
  const orgId = newTestOrgId();
  const hashed = (id: string, at: number, hash: string, overrides: Partial<UsageRow> = {}) =>
    event(orgId, id, at * SECOND, { prompt_hash: hash, ...overrides });

  beforeAll(async () => {
    await usage.insertRows([
      hashed('a1', 0, 'A', { cost_usd: 0.5 }),
      // Within the TTL of a1: a repeat, even though it failed.
      hashed('a2', 50, 'A', { status: 'error', cost_usd: 0.02 }),
      // The last SUCCESS (a1) is 100 s back; a2 failed, so it is no cache entry.
      hashed('a3', 100, 'A', { cost_usd: 0.5 }),
      // Exactly the TTL after a3: still a repeat.
      hashed('a4', 160, 'A', { cost_usd: 0.04 }),
      // Same hash, another model: never a repeat of the sonnet requests.
      hashed('a5', 161, 'A', { model: 'gpt-4o', provider: 'openai', priced_model: 'gpt-4o' }),
      hashed('b1', 10, 'B', { status: 'error', cost_usd: 0 }),
      hashed('b2', 20, 'B'),
      // No prompt hash: nothing to compare.
      hashed('n1', 30, ''),
      hashed('n2', 31, ''),
    ]);
  });

  it('counts 2 repeats (a2 after a success, a4 at exactly the TTL) and their cost', async () => {
    const profile = await profileWorkload(source, { orgId }, settings);
    const sonnet = segment(profile, 'case');
    expect(sonnet).toMatchObject({ requests: 8, errors: 2, repeat_requests: 2 });
    expect(sonnet.repeat_cost_usd).toBeCloseTo(0.06, 12);
    expect(segment(profile, 'case', 'gpt-4o')).toMatchObject({ requests: 1, repeat_requests: 0 });
  });

  it('counts a failure followed by the same request within 10 minutes as retried (a2, b1)', async () => {
    const profile = await profileWorkload(source, { orgId }, settings);
    expect(segment(profile, 'case')).toMatchObject({ retried_errors: 2, billed_error_cost_usd: 0.02 });
  });

  it('flags the same requests in the per-request pass, in time order', async () => {
    const [chunk = []] = await allRequests({ orgId }, settings);
    const flags = chunk.map((request) => [(request.timestamp - T0) / SECOND, request.response_repeat]);
    expect(flags).toEqual([
      [0, false],
      [10, false],
      [20, false],
      [30, false],
      [31, false],
      [50, true],
      [100, false],
      [160, true],
      [161, false],
    ]);
  });

  it('with the default 24 h TTL, a3 repeats a1 too', async () => {
    const profile = await profileWorkload(source, { orgId }, DEFAULT_SETTINGS);
    expect(segment(profile, 'case').repeat_requests).toBe(3);
  });
});

describe('prompt caching: leading prefix blocks seen within the TTL (refreshed on use)', () => {
  const orgId = newTestOrgId();
  const otherOrg = newTestOrgId();
  const prefixed = (
    id: string,
    at: number,
    hashes: string[],
    input: number,
    overrides: Partial<UsageRow> = {},
  ) => event(orgId, id, at * SECOND, { prefix_hashes: hashes, input_tokens: input, ...overrides });

  beforeAll(async () => {
    await usage.insertRows([
      // Nothing cached; h1 and h2 are reused 200 s later, so they would be written: 1,024 tokens.
      prefixed('p1', 0, ['h1', 'h2', 'h3'], 1_500),
      // h1, h2 seen 200 s ago; x3 is new: 1,024 cacheable.
      prefixed('p2', 200, ['h1', 'h2', 'x3'], 1_400),
      // 450 s after p1 but 250 s after p2: refreshed on use, 1,024 cacheable (all of the input).
      prefixed('p3', 450, ['h1', 'h2'], 1_024, { cache_read_tokens: 200 }),
      // 350 s after p3: expired; written for p5 at the same instant: 512.
      prefixed('p4', 800, ['h1'], 600),
      // Same timestamp as p4, later event id: a sequential cache has h1 already (512 cacheable);
      // its partial second block (188 tokens) is written for p7.
      prefixed('p5', 800, ['h1', 'y2'], 700),
      prefixed('p6', 810, [], 5_000),
      // Both blocks seen 100 s ago: cacheable capped at the input, 700.
      prefixed('p7', 900, ['h1', 'y2'], 700),
      // Another organization's request would have kept h1 warm for p4: it must be invisible.
      event(otherOrg, 'o1', 600 * SECOND, { prefix_hashes: ['h1'], input_tokens: 600 }),
    ]);
  });

  it('sums 3,260 cacheable tokens, 1,848 after the 1,024-token rule net of cache reads, 1,724 to write', async () => {
    const profile = await profileWorkload(source, { orgId }, DEFAULT_SETTINGS);
    const prefix = segment(profile, 'case');
    expect(prefix).toMatchObject({
      requests: 7,
      input_tokens: 1_500 + 1_400 + 1_024 + 600 + 700 + 5_000 + 700,
    });
    expect(prefix).toMatchObject({
      with_prefix_hashes_share: 6 / 7,
      cacheable_tokens: 1_024 + 1_024 + 512 + 700,
    });
    expect(prefix).toMatchObject({
      cacheable_tokens_min_rule: 1_024 + 824,
      cache_write_prefix_tokens: 1_724,
    });
  });

  it('gives each request its cacheable and write tokens in the per-request pass', async () => {
    const [chunk = []] = await allRequests({ orgId }, DEFAULT_SETTINGS);
    const perRequest = chunk.map((request) => [
      request.input_tokens,
      request.cacheable_prefix_tokens,
      request.cache_write_prefix_tokens,
    ]);
    expect(perRequest).toEqual([
      [1_500, 0, 1_024],
      [1_400, 1_024, 0],
      [1_024, 1_024, 0],
      [600, 0, 512],
      [700, 512, 188],
      [5_000, 0, 0],
      [700, 700, 0],
    ]);
  });

  it('keeps blocks warm for longer with a longer TTL (p4 then reuses p3)', async () => {
    const profile = await profileWorkload(
      source,
      { orgId },
      { ...DEFAULT_SETTINGS, promptCacheTtlMs: 3_600_000 },
    );
    // p1 h3 is never reused; p4 512 cacheable now, so its write moves away.
    expect(segment(profile, 'case')).toMatchObject({
      cacheable_tokens: 3_260 + 512,
      cache_write_prefix_tokens: 1_024 + 188,
    });
  });

  it("sees only its own organization's events", async () => {
    const other = await profileWorkload(source, { orgId: otherOrg }, DEFAULT_SETTINGS);
    expect(other).toMatchObject({ requests: 1, segments: [{ requests: 1, cacheable_tokens: 0 }] });
  });
});

describe('plain segment figures and coverage', () => {
  const orgId = newTestOrgId();
  const longPrompt = `classify: ${'x'.repeat(3_000)}`;

  beforeAll(async () => {
    await usage.insertRows([
      event(orgId, 'c1', 0, {
        output_tokens: 10,
        latency_ms: 100,
        ttft_ms: 10,
        max_tokens: 256,
        stream: true,
      }),
      event(orgId, 'c2', 3_600 * SECOND, {
        output_tokens: 20,
        latency_ms: 200,
        ttft_ms: 20,
        max_tokens: null,
      }),
      event(orgId, 'c3', 86_400 * SECOND, {
        output_tokens: 30,
        latency_ms: null,
        ttft_ms: null,
        tags: ['offline'],
      }),
      event(orgId, 'c4', 86_401 * SECOND, {
        output_tokens: 100,
        latency_ms: 400,
        ttft_ms: 40,
        batch: true,
        cost_usd: null,
        priced_model: '',
        priced_provider: '',
        metadata: { interactive: 'false' },
        prompt: longPrompt,
        session_id: 'other-session',
        prompt_hash: 'h',
      }),
      event(orgId, 'u1', 2 * SECOND, {
        feature: '',
        model: 'mystery-model',
        provider: 'acme',
        latency_ms: null,
      }),
    ]);
  });

  it('reports exact token percentiles, hours, days, shares, sessions and truncated prompt samples', async () => {
    const profile = await profileWorkload(source, { orgId }, DEFAULT_SETTINGS);
    const plain = segment(profile, 'case');
    // Outputs 10, 20, 30, 100: inclusive interpolation gives p50 25, p90 79, p99 97.9.
    expect(plain).toMatchObject({
      output_p50: 25,
      output_max: 100,
      requests: 4,
      unpriced_requests: 1,
    });
    expect(plain.output_p90).toBeCloseTo(79, 9);
    expect(plain.output_p99).toBeCloseTo(97.9, 9);
    expect(plain).toMatchObject({
      latency_p50: 200,
      ttft_p50: 20,
      max_tokens_share: 0.75,
      max_tokens_p50: 1_024,
    });
    expect(plain).toMatchObject({
      stream_share: 0.25,
      batch_share: 0.25,
      offline_share: 0.5,
      active_days: 2,
    });
    // 09:00 and 10:00 on the first day, 09:00 twice on the second.
    expect(plain.hours).toEqual(Array.from({ length: 24 }, (_, hour) => ({ 9: 3, 10: 1 })[hour] ?? 0));
    expect(plain).toMatchObject({ sessions: 2, with_prompt_share: 0.25, with_prompt_hash_share: 0.25 });
    expect(plain).toMatchObject({ priced_model: MODEL, cost_usd: 0.03 });
    expect(plain.prompt_samples).toEqual([longPrompt.slice(0, 2_000)]);
  });

  it('measures coverage over all requests and the period from the first to the last event', async () => {
    const profile = await profileWorkload(source, { orgId }, DEFAULT_SETTINGS);
    expect(profile).toMatchObject({ requests: 5, unpriced_requests: 1 });
    expect(profile.cost_usd).toBeCloseTo(0.04, 12);
    expect(profile.coverage).toEqual({
      tokens: 1,
      latency: 0.6,
      status: 1,
      feature: 0.8,
      prompt_hash: 0.2,
      prefix_hashes: 0,
      prompt: 0.2,
      priced: 0.8,
    });
    expect(profile.period).toEqual({
      start: new Date(T0),
      end: new Date(T0 + 86_401 * SECOND),
      days: 86_401 / 86_400,
    });
    // The totals alone (what data sufficiency is judged on) are the same figures.
    const { segments: _segments, spend: _spend, ...totals } = profile;
    expect(await profileTotals(source, { orgId })).toEqual(totals);
  });
});

describe('scope', () => {
  const orgId = newTestOrgId();

  beforeAll(async () => {
    await usage.insertRows(
      [0, 60, 120, 180].map((minute) => event(orgId, `s${minute}`, minute * 60 * SECOND)),
    );
  });

  it('reads the half-open window [from, to): an event exactly at from is in, one exactly at to is out', async () => {
    const from = new Date(T0 + 60 * 60 * SECOND);
    const to = new Date(T0 + 180 * 60 * SECOND);
    const end = new Date(T0 + 120 * 60 * SECOND);
    const profile = await profileWorkload(source, { orgId, from, to }, DEFAULT_SETTINGS);
    expect(profile).toMatchObject({ requests: 2, period: { start: from, end, days: 1 / 24 } });
    const chunks = await allRequests({ orgId, from, to }, DEFAULT_SETTINGS);
    expect(chunks.flat().map((request) => request.timestamp)).toEqual([from.getTime(), end.getTime()]);
  });

  it('gives a single event a one-hour period', async () => {
    const at = new Date(T0);
    const profile = await profileWorkload(
      source,
      { orgId, from: at, to: new Date(T0 + 1) },
      DEFAULT_SETTINGS,
    );
    expect(profile.period).toEqual({ start: at, end: at, days: 1 / 24 });
  });

  it('finds nothing in an empty window [at, at)', async () => {
    const at = new Date(T0);
    expect(await profileWorkload(source, { orgId, from: at, to: at }, DEFAULT_SETTINGS)).toMatchObject({
      requests: 0,
    });
  });

  it('answers an empty scope with no requests, no segments and a one-hour period ending now', async () => {
    const before = Date.now();
    const profile = await profileWorkload(source, { orgId: newTestOrgId() }, DEFAULT_SETTINGS);
    expect(profile).toMatchObject({ requests: 0, cost_usd: 0, unpriced_requests: 0, segments: [] });
    expect(profile.period.days).toBe(1 / 24);
    expect(profile.period.start.getTime()).toBeGreaterThanOrEqual(before);
    expect(await allRequests({ orgId: newTestOrgId() }, DEFAULT_SETTINGS)).toEqual([]);
    const totals = await profileTotals(source, { orgId: newTestOrgId() });
    expect(totals).toMatchObject({ requests: 0, cost_usd: 0 });
  });
});

/** The real scratch database, noting the tables it names (a shared server may hold others' too). */
class NotingScratch extends ScratchDatabase {
  readonly named: string[] = [];

  override newTable(purpose: string): string {
    const table = super.newTable(purpose);
    this.named.push(table.split('.').at(-1)?.replaceAll('`', '') ?? '');
    return table;
  }
}

describe('the per-request pass over many events', () => {
  const orgId = newTestOrgId();
  const otherOrg = newTestOrgId();
  const count = 100_001;
  let scratch: NotingScratch;
  let noted: UsageAnalysisSource;

  beforeAll(async () => {
    scratch = new NotingScratch(store);
    noted = new UsageAnalysisSource(store, usage, scratch);
    await usage.insertRows(usageRows(orgId, count));
    await usage.insertRows(usageRows(otherOrg, 3));
  });

  async function existing(names: readonly string[]): Promise<string[]> {
    const tables = await scratch.tables();
    return names.filter((name) => tables.includes(name));
  }

  it('yields every event exactly once, in time order, in chunks of 50,000, from a scratch table it drops', async () => {
    const chunks: number[] = [];
    const times: number[] = [];
    let duringPass: string[] = [];
    for await (const chunk of noted.analyzedRequests({ orgId }, DEFAULT_SETTINGS)) {
      const chunkTimes = Array.from(chunk, (request) => request.timestamp);
      chunks.push(chunkTimes.length);
      times.push(...chunkTimes);
      duringPass = await existing(scratch.named);
    }
    expect(chunks).toEqual([50_000, 50_000, 1]);
    expect(new Set(times).size).toBe(count);
    expect(times.every((time, index) => index === 0 || time > (times[index - 1] ?? 0))).toBe(true);
    expect(duringPass).toEqual([expect.stringMatching(/^analyzed_requests_[0-9a-f]{32}$/)]);
    expect(await existing(scratch.named)).toEqual([]);
  });

  it('keeps its intermediate tables out of the application database, and drops them when abandoned', async () => {
    const applicationTables = async () =>
      (
        await store.queryRows<{ name: string }>(
          'SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name',
          { db: store.database },
        )
      ).map((row) => row.name);
    const before = await applicationTables();
    const iterator = noted.analyzedRequests({ orgId }, DEFAULT_SETTINGS)[Symbol.asyncIterator]();
    await iterator.next();
    const during = await applicationTables();
    const scratchDuring = await existing(scratch.named);
    await iterator.return?.();
    expect(during).toEqual(before);
    expect(scratchDuring).toEqual([scratch.named.at(-1)]);
    expect(await existing(scratch.named)).toEqual([]);
  });

  it('runs two analyses at once, each in its own scratch table', async () => {
    const first = scratch.named.length;
    const pass = async (scope: AnalysisScope) => {
      const requests: AnalyzedRequest[] = [];
      for await (const chunk of noted.analyzedRequests(scope, DEFAULT_SETTINGS)) {
        requests.push(...Array.from(chunk, (request) => ({ ...request })));
      }
      return requests;
    };
    const [big, small] = await Promise.all([pass({ orgId }), pass({ orgId: otherOrg })]);
    expect(big).toHaveLength(count);
    expect(small).toHaveLength(3);
    expect(new Set(scratch.named.slice(first)).size).toBe(2);
    expect(await existing(scratch.named)).toEqual([]);
  });
});

describe('the scratch database', () => {
  it('sits beside the application database and is cleaned when the analysis source opens', async () => {
    expect(source.scratch.name).toBe(`${store.database}_scratch`);
    const leftover = source.scratch.newTable('left_by_a_crash');
    const name = leftover.split('.').at(-1)?.replaceAll('`', '') ?? '';
    await store.command(`CREATE TABLE ${leftover} (n UInt8) ENGINE = MergeTree ORDER BY n`);
    expect(await source.scratch.tables()).toContain(name);
    await openUsageAnalysis(store, usage);
    // An embedded store is this process's alone; a shared server keeps tables younger than a day.
    expect((await source.scratch.tables()).includes(name)).toBe(store.mode !== 'embedded');
    await store.command(`DROP TABLE IF EXISTS ${leftover}`);
  });

  it('drops only tables older than a given age (how a shared server is cleaned)', async () => {
    if (store.mode !== 'embedded') {
      // Dropping everything older than a second would reach into other test files' analyses.
      return;
    }
    const plain = (table: string) => table.split('.').at(-1)?.replaceAll('`', '') ?? '';
    const older = source.scratch.newTable('older');
    await store.command(`CREATE TABLE ${older} (n UInt8) ENGINE = MergeTree ORDER BY n`);
    // Creation times have whole seconds: let a second pass so that `older` is older than zero hours.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const younger = source.scratch.newTable('younger');
    await store.command(`CREATE TABLE ${younger} (n UInt8) ENGINE = MergeTree ORDER BY n`);
    await source.scratch.dropOlderThan(1);
    expect(await source.scratch.tables()).toEqual(expect.arrayContaining([plain(older), plain(younger)]));
    await source.scratch.dropOlderThan(0);
    const left = await source.scratch.tables();
    expect([left.includes(plain(older)), left.includes(plain(younger))]).toEqual([false, true]);
    await store.command(`DROP TABLE IF EXISTS ${younger}`);
  });

  it('refuses a table purpose that is not a plain identifier', () => {
    expect(() => source.scratch.newTable('x`; DROP TABLE y')).toThrow(/not a plain identifier/);
  });
});
