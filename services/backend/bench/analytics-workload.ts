/**
 * The analytics benchmark's workload, generated inside ClickHouse (`INSERT … SELECT FROM numbers()`)
 * so that 10,000,000 events take seconds, not minutes, and pass through the same materialized views
 * as ingestion's inserts. Every value is a hash of the event's number: the same rows on every run.
 * One organization, 60 days, 8 models of 3 providers (one unpriced), 12 features, 500 users,
 * 3 environments, 5% errors, tags `team:<t>` and a region metadata key.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

export const BENCH_ORG = 'bench-analytics-org';
export const BENCH_START_MS = Date.UTC(2025, 3, 1);
export const BENCH_DAYS = 60;
const CHUNK = 1_000_000;

// Per model: provider, input, cache-read and output price in USD per million tokens; 0 = unpriced.
const MODELS = [
  ['openai', 'gpt-4o', 2.5, 1.25, 10],
  ['openai', 'gpt-4o-mini', 0.15, 0.075, 0.6],
  ['openai', 'o3-mini', 1.1, 0.55, 4.4],
  ['anthropic', 'claude-sonnet-4', 3, 0.3, 15],
  ['anthropic', 'claude-haiku-3.5', 0.8, 0.08, 4],
  ['google', 'gemini-2.0-flash', 0.1, 0.025, 0.4],
  ['google', 'gemini-1.5-pro', 1.25, 0.3125, 5],
  ['private', 'acme-private-1', 0, 0, 0],
] as const;

const list = (values: readonly (string | number)[]) =>
  `[${values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value))).join(', ')}]`;

function insertSql(table: string, first: number, count: number): string {
  const column = (index: number) => list(MODELS.map((model) => model[index] ?? 0));
  return `INSERT INTO ${table} (org_id, event_id, timestamp, ingested_at, source, provider, model, operation,
      input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, status, error_type,
      cost_usd, cost_source, priced_provider, priced_model, user_id, feature, environment, tags, metadata)
    SELECT '${BENCH_ORG}', concat('bench-', toString(number)),
      fromUnixTimestamp64Milli(toInt64(${BENCH_START_MS} + cityHash64(number, 1) % ${BENCH_DAYS * 86_400_000}), 'UTC'),
      now64(3), 'bench', ${column(0)}[m], ${column(1)}[m], 'chat',
      input, output, cached, 0, if(m = 3, intDiv(output, 2), 0),
      if(cityHash64(number, 5) % 100 < 5, 'error', 'success'), '',
      if(m = ${MODELS.length}, NULL,
         ((input - cached) * ${column(2)}[m] + cached * ${column(3)}[m] + output * ${column(4)}[m]) / 1e6),
      if(m = ${MODELS.length}, '', 'catalog'), ${column(0)}[m], ${column(1)}[m],
      concat('user-', toString(cityHash64(number, 6) % 500)), concat('feature-', toString(cityHash64(number, 7) % 12)),
      ['production', 'production', 'staging', 'development'][1 + cityHash64(number, 8) % 4],
      if(cityHash64(number, 9) % 3 = 0, [], [concat('team:', ['search', 'support', 'billing', 'growth'][1 + cityHash64(number, 10) % 4])]),
      map('region', ['eu', 'us', 'apac'][1 + cityHash64(number, 11) % 3])
    FROM (SELECT number, 1 + cityHash64(number, 2) % ${MODELS.length} AS m,
                 100 + cityHash64(number, 3) % 6000 AS input, 10 + cityHash64(number, 4) % 1200 AS output,
                 if(cityHash64(number, 12) % 5 < 2, intDiv(input, 3), 0) AS cached
          FROM numbers(${first}, ${count}))`;
}

/** Inserts the events numbered `[from, to)`, a million per insert. */
export async function insertBenchEvents(store: ClickHouseStore, from: number, to: number): Promise<void> {
  for (let first = from; first < to; first += CHUNK) {
    await store.command(insertSql(store.table('usage_events'), first, Math.min(CHUNK, to - first)));
  }
}
