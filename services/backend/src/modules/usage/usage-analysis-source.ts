/**
 * The optimizer's UsageSource over the backend's ClickHouse store: the engine's SQL runs against
 * `usage_events`, with scratch tables (for the per-request pass) in the same database.
 * @module
 */
import type { UsageSource } from '@netra/optimizer';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Usage events of the store, read by the optimization engine. */
export function createClickHouseUsageSource(store: ClickHouseStore): UsageSource {
  return {
    table: store.table('usage_events'),
    rows: (sql, params) => store.queryRows(sql, params),
    stream: (sql, params) => store.queryChunks(sql, params),
    command: (sql, params) => store.command(sql, params),
    scratchTable: (name) => {
      // Table names cannot be bound as parameters, so only plain identifiers are accepted.
      if (!PLAIN_IDENTIFIER.test(name)) {
        throw new Error(`scratch table name "${name}" is not a plain identifier`);
      }
      return store.table(`tmp_${name}`);
    },
  };
}
