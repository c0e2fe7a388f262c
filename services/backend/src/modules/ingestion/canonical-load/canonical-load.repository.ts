/**
 * The store calls of the canonical fast load: stage a file's lines in a scratch table (ClickHouse
 * reads the file), count what keeps it off the fast path, list the pricing keys, write their prices,
 * and move the priced lines into `usage_events`. Scratch tables live in the analysis scratch
 * database and are dropped by the caller.
 * @module
 */
import type { ClickHouseStore, QueryParams } from '#platform/stores/clickhouse.js';
import { USAGE_COLUMNS } from '#modules/usage/usage-row-codec.js';
import {
  fastLineCheck,
  NOT_BLANK,
  STAGED_VALUES,
  typedValues,
  typedValuesFromRaws,
} from './canonical-load-sql.js';
import {
  PAIRS_COLUMNS,
  PAIRS_DDL,
  pricedFrom,
  type PricingGroup,
  type PairKey,
} from './canonical-load-pricing.js';
import { PRICING_SETTINGS } from '#modules/pricing/rate-card-sql.js';

/** What the staged file holds, and what would keep it off the fast path. */
export interface StagedFile {
  rows: number;
  /** Lines the fast path does not take as written. */
  slow: number;
  /** Event ids named by more than one line. */
  repeated: number;
  /** Event ids already stored for the organization. */
  stored: number;
}

/** Where a load runs: the file, its staged keys, and the prices of their pairs. */
export interface LoadTables {
  /** The file the lines are read from (twice: staged, then moved). */
  file: string;
  /** One row per line: whether it is fast, its event id and its pricing key. */
  keys: string;
  pairs: string;
}

/** What the load stored. */
export interface StoredTotals {
  rows: number;
  unpriced: number;
}

/** What the final insert stamps on every row. */
export interface LoadStamp {
  orgId: string;
  source: string;
  ingestedAtMs: number;
  storePrompts: boolean;
}

/**
 * Writes in blocks of 64K rows: INSERT … SELECT otherwise gathers a million rows (hundreds of
 * megabytes of text) into one block before writing it, and memory grows with the file.
 */
const SMALL_BLOCKS =
  'max_block_size = 65536, min_insert_block_size_rows = 65536, min_insert_block_size_bytes = 0';

/**
 * Parts are sorted, compressed and written by two threads: by default one thread writes all that
 * the parallel parse produces (measured at 1M lines in interleaved runs, the whole import 7.0–7.6 s
 * → 5.9–6.5 s; a copy of the stored events 1.1–1.3 s → 0.7 s). The flags table gains nothing from
 * it (its joins already keep both cores busy).
 */
const PARALLEL_WRITES = 'max_insert_threads = 2';

/**
 * The move into `usage_events` writes parts of 128K rows per writing thread and runs the table's
 * materialized views side by side: every part is one more run of each view and one more background
 * merge competing with the analysis for the cores (measured at 1M lines, the move parsing the file:
 * 64K-row parts and views in turn 3.6–4.0 s, 256K-row parts 2.0–2.2 s). At 10M lines, one thread
 * writing 256K-row parts took 23.3 s at a peak of 1.22 GB; two threads, 13.3 s at 1.54 GB with
 * 256K-row parts and 17.0 s at 1.33 GB with these.
 */
const MOVE_BLOCKS =
  'max_block_size = 65536, min_insert_block_size_rows = 131072, min_insert_block_size_bytes = 0, ' +
  `parallel_view_processing = 1, ${PARALLEL_WRITES}`;

/** Grouping a file's event ids spills to disk past 128 MB instead of growing with the file. */
const SPILLING_GROUP_BY = 'max_bytes_before_external_group_by = 134217728';

/** The file's lines, as ClickHouse reads them (in parallel). */
const FILE_LINES = "file({file:String}, 'LineAsString', 'text String')";

/** The file is read, not mapped: a mapped file counts in full towards the process's memory. */
const READ_FILE = "storage_file_read_method = 'read'";

/**
 * The staged columns: the event id (for the repeat and stored checks) and the pricing key. The
 * values the checks read are parsed but not kept, and the totals are counted on the stored rows:
 * at 1M lines, staging the tokens as well took ~0.3 s more, and pricing the staged lines a second
 * time to count them ~0.2 s.
 */
const KEY_COLUMNS = ['event_id', 'has_provider', 'provider', 'model', 'batch'];

function stagedValues(columns: readonly string[]): string {
  return columns.map((name) => `${STAGED_VALUES[name] ?? name} AS ${name}`).join(', ');
}

/** Every line's values, parsed from the file again (the load moves only files whose every line is fast). */
const PARSED_LINES =
  `(SELECT ${stagedValues(Object.keys(STAGED_VALUES))} FROM ` +
  `(SELECT ${typedValues()} AS t FROM ${FILE_LINES} WHERE ${NOT_BLANK}))`;

/** The value of each usage column: staged (`r`), stamped, or priced (LoadPricing's values). */
function usageSelect(): string {
  const own: Record<string, string> = {
    org_id: '{org_id:String}',
    timestamp: "fromUnixTimestamp64Milli(r.ts, 'UTC')",
    ingested_at: "fromUnixTimestamp64Milli({ingested_ms:Int64}, 'UTC')",
    source: '{source:String}',
    provider: 'line_provider',
    cost_usd: 'priced_cost_usd',
    priced_provider: 'priced_provider_id',
    priced_model: 'priced_model_id',
    prompt: "if({store_prompts:Bool}, r.prompt, '')",
    metadata: 'map()',
    period_end: 'NULL',
    cost_source: 'priced_cost_source',
  };
  return USAGE_COLUMNS.map((column) => own[column] ?? `r.${column}`).join(', ');
}

/** The lines of one group of pairs. */
const IN_GROUP = 'WHERE p.pair_id BETWEEN {first_pair:UInt32} AND {last_pair:UInt32}';

export class CanonicalLoadRepository {
  constructor(private readonly store: ClickHouseStore) {}

  /**
   * Stages the file's non-blank lines, tested and parsed in parallel: whether the line is fast, and
   * of its values only those the checks and the pricing read (the rest would cost a wide write and
   * a read back; the move parses the file again instead). The table is never merged: it is read a
   * few times and dropped, and merging its parts only took the cores the load runs on (at 10M lines
   * this stage 25.3 s → 22.6 s, and the load's peak 1.43 → 1.30 GB).
   */
  async stage(tables: Pick<LoadTables, 'file' | 'keys'>): Promise<void> {
    await this.store.command(
      `CREATE TABLE ${tables.keys} ENGINE = MergeTree ORDER BY tuple() SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS ` +
        `SELECT ${fastLineCheck()} AS fast, ${stagedValues(KEY_COLUMNS)} FROM (` +
        `SELECT text, JSONExtractKeysAndValuesRaw(text) AS kv, kv.1 AS keys, kv.2 AS raws, ${typedValuesFromRaws(KEY_COLUMNS)} AS t ` +
        `FROM ${FILE_LINES} WHERE ${NOT_BLANK}) ` +
        // Every argument once, for every row: lazily evaluated, the per-line parses would be
        // repeated inside each condition (measured: 5x slower).
        `SETTINGS short_circuit_function_evaluation = 'disable', ${READ_FILE}, ${SMALL_BLOCKS}, ${PARALLEL_WRITES}`,
      { file: tables.file },
    );
  }

  async inspect(table: string, orgId: string, events: string): Promise<StagedFile> {
    const [counts] = await this.store.queryRows<Pick<StagedFile, 'rows' | 'slow'>>(
      `SELECT count() AS rows, countIf(NOT fast) AS slow FROM ${table}`,
    );
    const [repeated] = await this.store.queryRows<Pick<StagedFile, 'repeated'>>(
      `SELECT count() AS repeated FROM (SELECT event_id FROM ${table} GROUP BY event_id HAVING count() > 1) ` +
        `SETTINGS ${SPILLING_GROUP_BY}`,
    );
    const [stored] = await this.store.queryRows<Pick<StagedFile, 'stored'>>(
      `SELECT count() AS stored FROM ${table} WHERE event_id IN ` +
        `(SELECT event_id FROM ${events} WHERE org_id = {org_id:String})`,
      { org_id: orgId },
    );
    return { rows: 0, slow: 0, ...counts, repeated: repeated?.repeated ?? 0, stored: stored?.stored ?? 0 };
  }

  /** The distinct pricing keys of the staged lines. */
  async pairKeys(lines: string): Promise<PairKey[]> {
    return this.store.queryRows<PairKey>(
      `SELECT DISTINCT has_provider, provider, model, batch FROM ${lines} ORDER BY model, provider, batch`,
    );
  }

  async createPairs(table: string, pairLines: Buffer): Promise<void> {
    await this.store.command(`CREATE TABLE ${table} ${PAIRS_DDL} ENGINE = Memory`);
    await this.store.insertCompactJson(table, PAIRS_COLUMNS, pairLines);
  }

  /**
   * Moves the lines of one group of pairs, parsed from the file again and priced, into the usage
   * table in one INSERT … SELECT (ClickHouse streams it block by block; a file naming more pairs
   * than one group holds is read once per group). optimize_on_insert = 0: the fast path holds only
   * event ids that neither repeat nor are stored, so ReplacingMergeTree's collapse of each inserted
   * block has nothing to do (measured at 1M events: 9.7 s → 5.2 s).
   */
  async insertUsage(
    events: string,
    tables: LoadTables,
    stamp: LoadStamp,
    pricing: PricingGroup,
  ): Promise<void> {
    const params: QueryParams = {
      ...pricing.params,
      org_id: stamp.orgId,
      source: stamp.source,
      ingested_ms: stamp.ingestedAtMs,
      store_prompts: stamp.storePrompts,
      first_pair: pricing.firstPair,
      last_pair: pricing.lastPair,
      file: tables.file,
    };
    await this.store.command(
      `INSERT INTO ${events} (${USAGE_COLUMNS.join(', ')}) SELECT ${usageSelect()} FROM (` +
        `SELECT r.*, ${pricing.values} ${pricedFrom(PARSED_LINES, tables.pairs)} ${IN_GROUP}) AS r ` +
        `SETTINGS optimize_on_insert = 0, ${READ_FILE}, ${PRICING_SETTINGS}, ${MOVE_BLOCKS}`,
      params,
    );
  }

  /** How many rows the load stamped `stamp` stored, and how many of them no price covers. */
  async storedTotals(events: string, stamp: LoadStamp): Promise<StoredTotals> {
    const [totals] = await this.store.queryRows<StoredTotals>(
      'SELECT count() AS rows, countIf(isNull(cost_usd)) AS unpriced ' +
        `FROM ${events} WHERE org_id = {org_id:String} AND source = {source:String} ` +
        "AND ingested_at = fromUnixTimestamp64Milli({ingested_ms:Int64}, 'UTC')",
      { org_id: stamp.orgId, source: stamp.source, ingested_ms: stamp.ingestedAtMs },
    );
    return totals ?? { rows: 0, unpriced: 0 };
  }

  async drop(table: string): Promise<void> {
    await this.store.command(`DROP TABLE IF EXISTS ${table}`);
  }
}
