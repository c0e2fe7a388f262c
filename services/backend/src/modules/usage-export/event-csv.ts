/**
 * The CSV form of stored usage events: the canonical fields (ARCHITECTURE §4.1) and Netra's own
 * (its cost and where it came from, the stated cost, the catalog id priced, source, ingestion time).
 * Numbers are written in JavaScript's shortest round-trip form, so a parsed cell is the stored
 * number bit for bit; a missing value (unpriced cost, no latency) is an empty cell; lists and maps
 * (tags, metadata, prefix hashes) are JSON cells. Quoting is csv-stringify's (RFC 4180).
 * @module
 */
import { stringify } from 'csv-stringify/sync';
import type { UsageRow } from '#modules/usage/usage-row.js';

/** The columns in order (every stored field but the organization, which the export is of). */
export const EVENT_CSV_COLUMNS = [
  'event_id',
  'timestamp',
  'period_end',
  'request_count',
  'provider',
  'model',
  'operation',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cache_write_1h_tokens',
  'reasoning_tokens',
  'web_search_requests',
  'cost_usd',
  'cost_source',
  'reported_cost_usd',
  'priced_provider',
  'priced_model',
  'latency_ms',
  'ttft_ms',
  'status',
  'error_type',
  'batch',
  'stream',
  'max_tokens',
  'temperature',
  'prompt_hash',
  'prefix_hashes',
  'prefix_block_tokens',
  'prompt',
  'user_id',
  'session_id',
  'feature',
  'app',
  'environment',
  'tags',
  'metadata',
  'source',
  'ingested_at',
] as const satisfies readonly (keyof UsageRow)[];

function cell(value: UsageRow[keyof UsageRow]): string {
  if (value === null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The header line. */
export function eventCsvHeader(): string {
  return stringify([[...EVENT_CSV_COLUMNS]]);
}

/** CSV lines of `rows`, in column order. */
export function eventCsvLines(rows: readonly UsageRow[]): string {
  return stringify(rows.map((row) => EVENT_CSV_COLUMNS.map((column) => cell(row[column]))));
}
