import type { UsageRow } from './usage-row.js';

/** What happened to a batch handed to the sink. */
export interface SinkResult {
  /** Rows newly stored. */
  stored: number;
  /** Rows whose (org_id, event_id) was already stored, or repeated within the batch: kept once. */
  duplicates: number;
}

/**
 * Where accepted usage goes. `write` resolves only once the rows are durable in ClickHouse, so an
 * ingestion endpoint that awaits it never acknowledges anything a crash could lose.
 */
export interface UsageSink {
  write(rows: readonly UsageRow[]): Promise<SinkResult>;
}
