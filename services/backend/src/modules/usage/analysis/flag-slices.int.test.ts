/**
 * The flags table computed one time slice at a time against the same table computed in one
 * statement, on the embedded ClickHouse: a generated workload (repeats within the 24 h response
 * TTL, retried errors, prefix chains within the 5 min prompt TTL, spread over 14 days) cut into
 * dozens of slices gives every request exactly the same flags, so the cuts cross all three windows.
 * @module
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPriceCatalog, DEFAULT_SETTINGS } from '@netra/optimizer';
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileIntoStore, LOCAL_ORG_ID } from '#cli/analyze-import.js';
import { parseAnalyzeArgs } from '#cli/analyze-args.js';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { writeWorkloadFile } from '#test-support/analyze-workload.js';
import { materializeRequestFlags } from './analyzed-requests.js';
import { flagSlices } from './flag-slices.js';
import { ScratchDatabase } from './scratch-database.js';

const EVENTS = 30_000;
/** Failed requests retried 9 minutes later, evenly over the workload's two weeks. */
const RETRIES = 2_000;
const RETRY_AFTER_MS = 9 * 60_000;
const retryAt = (index: number) =>
  Date.parse('2025-03-03T00:00:00Z') + index * Math.floor((14 * 86_400_000) / RETRIES);
const ALL = EVENTS + 2 * RETRIES;
const SLICE_REQUESTS = 997;
const scope = { orgId: LOCAL_ORG_ID };
let store: ClickHouseStore;
let scratch: ScratchDatabase;
let dir: string;

beforeAll(async () => {
  store = await openClickHouse({ url: undefined, dataDir: tempDataDir('flag-slices'), database: 'netra' });
  await migrateClickHouse(store);
  scratch = new ScratchDatabase(store);
  await scratch.reset();
  dir = mkdtempSync(join(tmpdir(), 'flag-slices-'));
  const file = join(dir, 'usage.jsonl');
  await writeWorkloadFile(file, EVENTS);
  appendFileSync(file, retryLines().join('\n'));
  const args = parseAnalyzeArgs([file]);
  if (args.help) {
    throw new Error('unexpected --help');
  }
  await importFileIntoStore(store, createPriceCatalog(), file, args, () => undefined);
}, 120_000);

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function retryLines(): string[] {
  return Array.from({ length: RETRIES }, (_, index) => {
    const event = {
      provider: 'openai',
      model: 'gpt-4o-mini',
      prompt_hash: `retry-${index}`,
      input_tokens: 900,
      output_tokens: 40,
    };
    return [
      {
        ...event,
        event_id: `failed-${index}`,
        timestamp: retryAt(index),
        status: 'error',
        error_type: 'timeout',
      },
      { ...event, event_id: `retry-${index}`, timestamp: retryAt(index) + RETRY_AFTER_MS, status: 'success' },
    ];
  }).flatMap((pair) => pair.map((event) => JSON.stringify(event)));
}

const context = () => ({ store, events: store.table('usage_events'), scratch });

/** Every row of a flags table, in its order, then the table dropped. */
async function rowsOf(table: string): Promise<Record<string, unknown>[]> {
  try {
    return await store.queryRows(`SELECT * FROM ${table} ORDER BY ts, event_id`);
  } finally {
    await store.command(`DROP TABLE IF EXISTS ${table}`);
  }
}

describe('the flags table in time slices', () => {
  it('cuts the scope into slices of about the asked size, in time order, covering it all', async () => {
    const slices = await flagSlices(store, store.table('usage_events'), scope, SLICE_REQUESTS);
    expect(slices.length).toBeGreaterThan(20);
    expect(slices[0]?.fromMs).toBeUndefined();
    expect(slices.at(-1)?.toMs).toBeUndefined();
    for (const [index, slice] of slices.slice(1).entries()) {
      expect(slice.fromMs).toBe(slices[index]?.toMs);
      expect(slice.fromMs).toBeGreaterThan(slices[index]?.fromMs ?? -Infinity);
    }
    // Some retries fall across a cut: the lookahead of the failed request must reach past it.
    const cuts = slices.flatMap((slice) => (slice.toMs === undefined ? [] : [slice.toMs]));
    const straddling = Array.from({ length: RETRIES }, (_, index) => retryAt(index)).filter((at) =>
      cuts.some((cut) => at < cut && cut <= at + RETRY_AFTER_MS),
    );
    expect(straddling.length).toBeGreaterThan(0);
    expect(await flagSlices(store, store.table('usage_events'), scope, ALL)).toEqual([{}]);
  });

  it('flags every request exactly as one statement over the whole scope does', async () => {
    const whole = await rowsOf(await materializeRequestFlags(context(), scope, DEFAULT_SETTINGS));
    const sliced = await rowsOf(
      await materializeRequestFlags(context(), scope, DEFAULT_SETTINGS, SLICE_REQUESTS),
    );
    expect(whole).toHaveLength(ALL);
    // The workload exercises every window, so a slice that lost its context would change a flag.
    const count = (flag: (row: Record<string, unknown>) => boolean) => whole.filter(flag).length;
    expect(count((row) => row.response_repeat === true)).toBeGreaterThan(100);
    expect(count((row) => row.retried_error === true)).toBeGreaterThanOrEqual(RETRIES);
    expect(count((row) => Number(row.cacheable_prefix_tokens) > 0)).toBeGreaterThan(100);
    expect(count((row) => Number(row.cache_write_prefix_tokens) > 0)).toBeGreaterThan(10);
    expect(sliced).toEqual(whole);
  });

  it('flags the same with the joins in memory and without FINAL (netra analyze reads so)', async () => {
    const spilling = await rowsOf(
      await materializeRequestFlags(context(), scope, DEFAULT_SETTINGS, SLICE_REQUESTS),
    );
    const inMemory = await rowsOf(
      await materializeRequestFlags(
        { ...context(), joinsInMemory: true },
        { ...scope, distinctEvents: true },
        DEFAULT_SETTINGS,
        SLICE_REQUESTS,
      ),
    );
    expect(inMemory).toEqual(spilling);
  });

  it('leaves no table behind when a slice fails', async () => {
    const before = await scratch.tables();
    const shortTtl = { ...DEFAULT_SETTINGS, promptCacheTtlMs: Number.NaN };
    await expect(materializeRequestFlags(context(), scope, shortTtl, SLICE_REQUESTS)).rejects.toThrow();
    expect(await scratch.tables()).toEqual(before);
  });
});
