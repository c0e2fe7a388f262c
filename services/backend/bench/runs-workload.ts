/**
 * The runs benchmark's usage: one organization's events generated inside ClickHouse
 * (`INSERT … SELECT FROM numbers()`, a million per insert), with every field the data-sufficiency
 * verdict weighs, so a cost question takes the full route. Four features on four priced models over
 * the 28 days before today (all inside the run's default 30-day window): a support chat with a shared
 * two-block system prompt (prefix hash chains) and repeated FAQ questions, a nightly summarizer, a
 * short-output classifier and a long-context extractor; latency and time to first token, 3% errors,
 * users, sessions and environments. Every value is a hash of the event's number.
 * @module
 */
import type { PriceCatalog } from '@netra/optimizer';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';

const DAY_MS = 86_400_000;
export const RUNS_BENCH_DAYS = 28;
const CHUNK = 1_000_000;
/**
 * Written in 64K-row parts, as ingestion's batches arrive: gathered into one million-row block, the
 * insert alone took 1.85 GB, and the bench could not tell the run's own peak memory.
 */
const SMALL_BLOCKS =
  'max_block_size = 65536, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 0';

// Feature → provider, model, share in percent (cumulative below), input and output token ranges.
const FEATURES = [
  ['support-chat', 'openai', 'gpt-4o', 40, 1_100, 3_500, 80, 700],
  ['nightly-summaries', 'anthropic', 'claude-sonnet-4-20250514', 20, 3_000, 12_000, 300, 900],
  ['ticket-classifier', 'openai', 'gpt-4o-mini', 25, 400, 1_500, 2, 40],
  ['contract-extractor', 'google', 'gemini-2.5-pro', 15, 4_000, 9_000, 200, 600],
] as const;

interface ModelRates {
  input: number;
  cacheRead: number;
  output: number;
}

/** USD per million tokens of each kind, read off the catalog by pricing a million of each. */
function ratesOf(catalog: PriceCatalog, provider: string, model: string): ModelRates {
  const priced = (input: number, cacheRead: number, output: number) => {
    const usage = {
      input_tokens: input,
      output_tokens: output,
      cache_read_tokens: cacheRead,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
    };
    const cost = catalog.price({ provider, model, usage }).costUsd;
    if (cost === null) {
      throw new Error(`the price catalog does not price ${provider}/${model}`);
    }
    return cost;
  };
  return { input: priced(1e6, 0, 0), cacheRead: priced(1e6, 1e6, 0), output: priced(0, 0, 1e6) };
}

const list = (values: readonly (string | number)[]) =>
  `[${values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value))).join(', ')}]`;

/** The first millisecond of today (UTC) minus the period: the window ends before today. */
export function runsBenchStart(now = Date.now()): number {
  return Math.floor(now / DAY_MS) * DAY_MS - RUNS_BENCH_DAYS * DAY_MS;
}

function featureIndexSql(): string {
  let cumulative = 0;
  const bounds = FEATURES.map((feature) => (cumulative += feature[3]));
  return `multiIf(${bounds
    .slice(0, -1)
    .map((bound, index) => `cityHash64(number, 1) % 100 < ${bound}, ${index + 1}`)
    .join(', ')}, ${FEATURES.length})`;
}

const COLUMNS = `org_id, event_id, timestamp, ingested_at, source, provider, model, operation,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms,
  status, error_type, cost_usd, cost_source, priced_provider, priced_model, batch, stream, max_tokens,
  prompt_hash, prefix_hashes, prefix_block_tokens, user_id, session_id, feature, environment, tags`;

const column = (index: number) => list(FEATURES.map((feature) => feature[index] ?? 0));

/** Event numbers `[first, first + count)` with their feature, failure and token counts. */
function generatedRowsSql(first: number, count: number): string {
  return `(SELECT number, ${featureIndexSql()} AS f,
                 cityHash64(number, 14) % 100 < 3 AS failed,
                 ${column(4)}[f] + cityHash64(number, 3) % (${column(5)}[f] - ${column(4)}[f]) AS input,
                 ${column(6)}[f] + cityHash64(number, 4) % (${column(7)}[f] - ${column(6)}[f]) AS output,
                 if(f = 1, 1024, 0) AS cached
          FROM numbers(${first}, ${count}))`;
}

function insertSql(table: string, orgId: string, catalog: PriceCatalog, first: number, count: number) {
  const rates = FEATURES.map((feature) => ratesOf(catalog, feature[1], feature[2]));
  const rate = (kind: keyof ModelRates) => list(rates.map((entry) => entry[kind]));
  const start = runsBenchStart();
  return `INSERT INTO ${table} (${COLUMNS})
    SELECT '${orgId}', concat('bench-run-', toString(number)),
      fromUnixTimestamp64Milli(toInt64(${start} + cityHash64(number, 2) % ${RUNS_BENCH_DAYS * DAY_MS}), 'UTC'),
      now64(3), 'bench', ${column(1)}[f], ${column(2)}[f], 'chat',
      input, output, cached, 0, 0, 300 + cityHash64(number, 5) % 8700, 120 + cityHash64(number, 6) % 900,
      if(failed, 'error', 'success'), if(failed, 'timeout', ''),
      ((input - cached) * ${rate('input')}[f] + cached * ${rate('cacheRead')}[f] + output * ${rate('output')}[f]) / 1e6,
      'catalog', ${column(1)}[f], ${column(2)}[f], false, f = 1, if(f = 3, 50, 1024),
      if(f = 1 AND cityHash64(number, 7) % 100 < 15, concat('faq-', toString(cityHash64(number, 8) % 200)),
         concat(${column(0)}[f], '-', toString(cityHash64(number, 9)))),
      if(f = 1, arrayConcat(['support-p0', 'support-p1'],
         arrayMap(block -> concat('support-', toString(number), '-', toString(block)), range(1 + cityHash64(number, 10) % 4))), []),
      if(f = 1, 512, 0), concat('user-', toString(cityHash64(number, 11) % 500)),
      concat('s-', toString(cityHash64(number, 12) % 40000)), ${column(0)}[f],
      ['production', 'production', 'staging'][1 + cityHash64(number, 13) % 3], []
    FROM ${generatedRowsSql(first, count)}
    SETTINGS ${SMALL_BLOCKS}`;
}

/** Inserts `total` events of `orgId`, a million per insert. */
export async function insertRunsBenchEvents(
  store: ClickHouseStore,
  orgId: string,
  catalog: PriceCatalog,
  total: number,
): Promise<void> {
  for (let first = 0; first < total; first += CHUNK) {
    const count = Math.min(CHUNK, total - first);
    await store.command(insertSql(store.table('usage_events'), orgId, catalog, first, count));
  }
}
