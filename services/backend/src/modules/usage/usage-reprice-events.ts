/**
 * The usage side of what-if re-pricing: the scope's events with what the price engine needs (their
 * own model, usage, batch flag and time) and the cost stored at ingestion, streamed in chunks so a
 * long period is never held in memory at once.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { BILLED_COUNT_COLUMNS } from './usage-row-codec.js';
import { scopedFrom, type SqlQuery, type UsageScope } from './usage-scope.js';

/** One stored event, as re-pricing reads it. */
export interface RepricingEvent {
  /** Epoch milliseconds. */
  ts: number;
  provider: string;
  model: string;
  /** The model the catalog priced it as at ingestion; '' when unpriced. */
  priced_model: string;
  batch: boolean;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cache_write_1h_tokens: number;
  web_search_requests: number;
  request_count: number;
  /** The cost stored at ingestion; null when unpriced. */
  cost_usd: number | null;
}

const COLUMNS = [
  'toUnixTimestamp64Milli(timestamp) AS ts',
  'provider',
  'model',
  'priced_model',
  'batch',
  ...BILLED_COUNT_COLUMNS,
  'request_count',
  'cost_usd',
].join(', ');

/** The query of the scope's `RepricingEvent`s, oldest first. */
export function repricingEventsSql(events: string, scope: UsageScope): SqlQuery {
  const from = scopedFrom(events, scope);
  return { sql: `SELECT ${COLUMNS} ${from.sql} ORDER BY timestamp, event_id`, params: from.params };
}

/** Reads usage for re-pricing; the only reader of the usage table outside this module's repository. */
export class RepricingEventReader {
  readonly #events: string;

  constructor(private readonly store: ClickHouseStore) {
    this.#events = store.table('usage_events');
  }

  /** The scope's events in chunks, oldest first. */
  chunks(scope: UsageScope): AsyncIterable<RepricingEvent[]> {
    const query = repricingEventsSql(this.#events, scope);
    return this.store.queryChunks<RepricingEvent>(query.sql, query.params);
  }
}
