/**
 * The floor of `npm run bench -- analyze`: what ClickHouse alone (chdb, in this process) takes to
 * read the same NDJSON file and compute the baseline cost by model, the least any analysis of the
 * file must do. ClickHouse sums the tokens per provider × model in one query straight from the file;
 * each sum is then priced once by the catalog at the period's midpoint (a handful of calls), so the
 * figure is the file read and aggregation, not the pricing.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPriceCatalog } from '@netra/optimizer';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';

/** The token fields the floor reads; everything else in the file is skipped by ClickHouse. */
const FILE_SCHEMA =
  'provider String, model String, timestamp Int64, input_tokens UInt64, output_tokens UInt64, ' +
  'cache_read_tokens UInt64, cache_write_tokens UInt64, reasoning_tokens UInt64';

interface ModelSums {
  provider: string;
  model: string;
  requests: number;
  midpoint: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
}

export interface FloorResult {
  seconds: number;
  models: number;
  requests: number;
  baselineUsd: number;
}

function baselineOf(rows: readonly ModelSums[]): number {
  const catalog = createPriceCatalog();
  return rows.reduce((total, row) => {
    const priced = catalog.price({
      provider: row.provider,
      model: row.model,
      batch: false,
      timestamp: new Date(row.midpoint),
      usage: { ...row, cache_write_1h_tokens: 0, web_search_requests: 0 },
    });
    return total + (priced.costUsd ?? 0);
  }, 0);
}

/** Runs of the floor query: the fastest is reported, so that a busy moment does not flatter the ratio. */
const FLOOR_RUNS = 3;

async function floorOnce(store: ClickHouseStore, file: string): Promise<FloorResult> {
  const started = performance.now();
  const rows = await store.queryRows<ModelSums>(
    'SELECT provider, model, count() AS requests, toInt64(avg(timestamp)) AS midpoint, ' +
      'sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, ' +
      'sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens, ' +
      'sum(reasoning_tokens) AS reasoning_tokens ' +
      `FROM file({file:String}, 'JSONEachRow', '${FILE_SCHEMA}') GROUP BY provider, model`,
    { file },
  );
  const baselineUsd = baselineOf(rows);
  return {
    seconds: (performance.now() - started) / 1000,
    models: rows.length,
    requests: rows.reduce((sum, row) => sum + row.requests, 0),
    baselineUsd,
  };
}

/** Reads `file` with chdb (best of FLOOR_RUNS) and returns the time of the query and its baseline. */
export async function measureFloor(file: string): Promise<FloorResult> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-floor-'));
  const store = await openClickHouse({ url: undefined, dataDir: dir, database: 'floor' });
  try {
    let best: FloorResult | undefined;
    for (let run = 0; run < FLOOR_RUNS; run++) {
      const result = await floorOnce(store, file);
      best = best === undefined || result.seconds < best.seconds ? result : best;
    }
    return best as FloorResult;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
