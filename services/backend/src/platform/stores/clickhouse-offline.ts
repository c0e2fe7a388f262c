/**
 * What a throwaway store serving one offline analysis (`netra analyze`) does without: it reads
 * only its events, a few times, and is then deleted, so the analytics rollups and the background
 * merges of the events table would only take the cores the analysis runs on.
 * @module
 */
import type { ClickHouseStore } from './clickhouse.js';

/**
 * Drops the database's materialized views: the analytics pages' hourly and daily rollups, which
 * every insert would run for nothing (at 1M events, 0.5 s of a 4.3 s load).
 */
export async function dropMaterializedViews(store: ClickHouseStore): Promise<string[]> {
  const views = await store.queryRows<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = {database:String} AND engine = 'MaterializedView' ORDER BY name",
    { database: store.database },
  );
  for (const { name } of views) {
    await store.command(`DROP VIEW IF EXISTS ${store.table(name)}`);
  }
  return views.map((view) => view.name);
}

/**
 * Stops or restarts the background merges of one table. Unmerged parts cost a read that has to
 * merge them (FINAL) more than the merges themselves, so a store pauses them only while its
 * reads can skip FINAL (at 10M events the flags of an analysis took 45–52 s beside the merges,
 * 31 s without).
 */
export async function setMerges(store: ClickHouseStore, table: string, on: boolean): Promise<void> {
  await store.command(`SYSTEM ${on ? 'START' : 'STOP'} MERGES ${store.table(table)}`);
}
