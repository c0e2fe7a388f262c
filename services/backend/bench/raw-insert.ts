/**
 * The reference for the ingest benchmark: the same rows the endpoint would store, built and
 * priced ahead of time, inserted straight into the store through the repository's raw path.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import { parseUsageEvent } from '@netra/shared';
import { openClickHouse } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { buildUsageRow, EventIdDeriver } from '#modules/ingestion/usage-row-builder.js';
import type { UsageRow } from '#modules/usage/usage-row.js';
import { benchEvent } from './ingest-workload.js';

/** Insert batch size of the raw path: the writer's own batch size, so both do the same inserts. */
export const RAW_BATCH_ROWS = 20_000;

function rowsOf(total: number): UsageRow[] {
  const pricer = createPriceCatalog();
  const context = {
    orgId: 'bench-org',
    ids: new EventIdDeriver(),
    source: 'rest',
    storePrompts: false,
    ingestedAt: new Date(),
  };
  const rows: UsageRow[] = [];
  for (let index = 0; index < total; index += 1) {
    const parsed = parseUsageEvent(benchEvent('raw', index), index);
    if (parsed.ok) {
      rows.push(buildUsageRow(parsed.event, pricer, context));
    }
  }
  return rows;
}

/** Rows per second inserting `total` prepared rows (encoding included) in writer-sized batches. */
export async function rawInsertRate(
  dataDir: string,
  total: number,
): Promise<{ rate: number; batchRows: number }> {
  const rows = rowsOf(total);
  const store = await openClickHouse({ url: undefined, dataDir, database: 'netra' });
  try {
    await migrateClickHouse(store);
    const repository = new UsageRepository(store);
    await repository.insertRows(rows.slice(0, RAW_BATCH_ROWS));
    const started = performance.now();
    for (let start = RAW_BATCH_ROWS; start < rows.length; start += RAW_BATCH_ROWS) {
      await repository.insertRows(rows.slice(start, start + RAW_BATCH_ROWS));
    }
    return {
      rate: (rows.length - RAW_BATCH_ROWS) / ((performance.now() - started) / 1000),
      batchRows: RAW_BATCH_ROWS,
    };
  } finally {
    await store.close();
  }
}
