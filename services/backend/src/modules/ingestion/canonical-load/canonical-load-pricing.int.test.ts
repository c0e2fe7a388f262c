/**
 * The fast load's SQL pricing against the JavaScript import's per-event pricing, on every model of
 * the catalog: each is billed standard and batch, with and without a provider, across input-token
 * bands, cache reads and writes, reasoning and web searches, and (for models whose prices change
 * over time) on both sides of every period boundary. Every stored cost must be the same double.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compilePeriods,
  createPriceCatalog,
  rateCardAt,
  totalCost,
  type ModelMetadata,
  type PricePeriod,
} from '@netra/optimizer';
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { ScratchDatabase } from '#modules/usage/analysis/scratch-database.js';
import { importFileIntoStore, LOCAL_ORG_ID } from '#cli/analyze-import.js';
import { parseAnalyzeArgs } from '#cli/analyze-args.js';
import { CanonicalLoader } from './canonical-load.service.js';

const catalog = createPriceCatalog();
let store: ClickHouseStore;
let dir: string;

beforeAll(async () => {
  store = await openClickHouse({
    url: undefined,
    dataDir: tempDataDir('canonical-pricing'),
    database: 'netra',
  });
  await migrateClickHouse(store);
  dir = mkdtempSync(join(tmpdir(), 'canonical-pricing-'));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const INPUTS = [0, 900, 140_000, 210_000, 290_000, 1_200_000];
const OUTPUTS = [0, 50, 3000, 20_000];
const JAN_2024 = Date.UTC(2024, 0, 1);
const SPAN_MS = 900 * 86_400_000;

interface Shape {
  timestamp?: number;
  input?: number;
}

/** A request of `model` shaped by `k`: its bands, token kinds, batch flag and time vary with it. */
function usageLine(
  model: ModelMetadata,
  index: number,
  k: number,
  shape: Shape = {},
): Record<string, unknown> {
  const input = shape.input ?? INPUTS[(index + k) % INPUTS.length] ?? 0;
  const output = OUTPUTS[k % OUTPUTS.length] ?? 0;
  const cacheWrite = k % 4 === 1 ? Math.floor(input / 8) : 0;
  return {
    event_id: `${model.provider}/${model.modelId}/${k}`,
    timestamp: shape.timestamp ?? JAN_2024 + (((index * 7919 + k * 104_729) * 3_600_007) % SPAN_MS),
    ...(k % 3 === 2 ? {} : { provider: model.provider }),
    model: model.modelId,
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: k % 2 === 1 ? Math.floor(input / 4) : 0,
    cache_write_tokens: cacheWrite,
    cache_write_1h_tokens: Math.floor(cacheWrite / 2),
    reasoning_tokens: k % 4 === 3 ? Math.floor(output / 3) : 0,
    web_search_requests: k % 4 === 2 ? 3 : 0,
    batch: k % 2 === 1,
    ...(k === 0 ? { cost_usd: 0.125 } : {}),
  };
}

/** Times on both sides of each boundary of the model's price periods. */
function boundaryTimes(periods: readonly PricePeriod[]): number[] {
  const someDay = Date.UTC(2025, 5, 17);
  return periods.flatMap((period) => {
    if (period.kind === 'from') {
      return [period.fromMs - 1, period.fromMs];
    }
    if (period.kind === 'daily') {
      const edges = [period.dailyStartMs, period.dailyEndMs];
      return edges.flatMap((edge) => [someDay + edge - 1, someDay + edge]);
    }
    return [];
  });
}

/** Input token counts at and just past each band threshold. */
function thresholdInputs(periods: readonly PricePeriod[]): number[] {
  const thresholds = periods.flatMap((period) => period.bands.map((band) => band.above));
  return [...new Set(thresholds.filter((above) => above >= 0))].flatMap((above) => [above, above + 1]);
}

function catalogLines(): string[] {
  return catalog.models().flatMap((model, index) => {
    const standard = catalog.rates(model.provider, model.modelId).standard ?? [];
    const shapes: Shape[] = [
      ...(standard.length > 1 ? boundaryTimes(standard) : []).map((timestamp) => ({ timestamp })),
      ...thresholdInputs(standard).map((input) => ({ input })),
    ];
    const plain = [0, 1, 2, 3].map((k) => usageLine(model, index, k));
    const shaped = shapes.map((shape, s) => usageLine(model, index, 4 + s, shape));
    return [...plain, ...shaped].map((line) => JSON.stringify(line));
  });
}

const STORED =
  'SELECT * EXCEPT (org_id, ingested_at) FROM {events:Identifier} WHERE org_id = {org:String} ORDER BY event_id';

async function storedRows(orgId: string): Promise<Record<string, unknown>[]> {
  return store.queryRows(STORED.replace('{events:Identifier}', store.table('usage_events')), { org: orgId });
}

describe('the fast load prices in SQL', () => {
  it('bills every catalog model exactly as the JavaScript import does', async () => {
    const lines = catalogLines();
    const file = join(dir, 'catalog.jsonl');
    writeFileSync(file, lines.join('\n'));
    const scratch = new ScratchDatabase(store);
    await scratch.reset();
    const fast = await new CanonicalLoader(store, scratch).load(file, {
      orgId: 'sql-priced',
      rates: catalog,
      storePrompts: true,
    });
    const args = parseAnalyzeArgs([file]);
    if (args.help) {
      throw new Error('unexpected --help');
    }
    const slow = await importFileIntoStore(store, catalog, file, args, () => undefined);
    expect(slow.errors).toEqual([]);
    expect(fast).toEqual({ loaded: true, totals: { ...slow.totals, kind: 'usage' } });
    const [sql, javascript] = [await storedRows('sql-priced'), await storedRows(LOCAL_ORG_ID)];
    expect(sql).toHaveLength(lines.length);
    expect(sql).toEqual(javascript);
    // The file reaches every way of billing: priced by the catalog, reported, unpriced.
    const sources = new Set(sql.map((row) => row.cost_source));
    expect([...sources].sort()).toEqual(['', 'catalog', 'reported']);
    expect(lines.length).toBeGreaterThan(4 * 1000);
  });

  it('bills a daily window that wraps midnight as rateCardAt does, on both sides of each edge', async () => {
    // No catalog model has one today; genai-prices' format allows it, so it is priced like the rest.
    const periods = compilePeriods([
      { prices: { input_mtok: 1, output_mtok: 2 } },
      {
        constraint: { type: 'time_of_date', start_time: '22:30:00Z', end_time: '02:15:00Z' },
        prices: { input_mtok: 0.5, output_mtok: 1 },
      },
    ]);
    const rates = { rates: () => ({ provider: 'p', modelId: 'night', standard: periods, batch: periods }) };
    const day = Date.UTC(2025, 5, 17);
    const times = [22.5, 2.25].flatMap((hours) => [day + hours * 3_600_000 - 1, day + hours * 3_600_000]);
    const lines = [...times, day + 12 * 3_600_000].map((timestamp, i) =>
      JSON.stringify({
        event_id: `w-${i}`,
        timestamp,
        model: 'night',
        input_tokens: 1000,
        output_tokens: 10,
      }),
    );
    const file = join(dir, 'window.jsonl');
    writeFileSync(file, lines.join('\n'));
    const scratch = new ScratchDatabase(store);
    const result = await new CanonicalLoader(store, scratch).load(file, {
      orgId: 'sql-window',
      rates,
      storePrompts: true,
    });
    expect(result.loaded).toBe(true);
    const usage = {
      input_tokens: 1000,
      output_tokens: 10,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
    };
    const expected = [...times, day + 12 * 3_600_000].map((time) =>
      totalCost(rateCardAt(periods, time, 1000), usage),
    );
    const stored = await storedRows('sql-window');
    expect(stored.map((row) => row.cost_usd)).toEqual(expected);
    // Outside, inside, inside, outside, outside: the window starts at 22:30 and ends before 02:15.
    expect(expected).toEqual([0.00102, 0.00051, 0.00051, 0.00102, 0.00102]);
  });
});
