/**
 * How a UsageRow travels to and from `usage_events`: one JSONCompactEachRow line per row on the way
 * in (the fastest text format we measured for both chdb and the HTTP server, and cheap to build with
 * the native JSON.stringify), and JSONEachRow objects on the way out.
 * @module
 */
import { AppError } from '@netra/shared';
import type { UsageRow } from '#usage/usage-row.js';

/** The `usage_events` columns, in the order every encoded line lists them. */
export const USAGE_COLUMNS = [
  'org_id',
  'event_id',
  'timestamp',
  'ingested_at',
  'source',
  'provider',
  'model',
  'operation',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'latency_ms',
  'ttft_ms',
  'status',
  'error_type',
  'reported_cost_usd',
  'cost_usd',
  'priced_provider',
  'priced_model',
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
] as const satisfies readonly (keyof UsageRow)[];

/** DateTime64(3) holds 1900-01-01 … 2299-12-31; outside it ClickHouse would store a different instant. */
const MIN_TIME_MS = Date.UTC(1900, 0, 1);
const MAX_TIME_MS = Date.UTC(2300, 0, 1) - 1;

const COUNTS = [
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
] as const;
const TIMES = ['timestamp', 'ingested_at'] as const;
const WHOLE_NUMBERS = [...COUNTS, 'prefix_block_tokens'] as const;
const OPTIONAL_NUMBERS = ['latency_ms', 'ttft_ms', 'reported_cost_usd', 'cost_usd', 'temperature'] as const;

function unstorable(row: UsageRow, field: string, reason: string): AppError {
  return new AppError(400, 'unstorable_usage_row', `${field} ${reason}`, {
    details: { event_id: row.event_id, field },
  });
}

/**
 * Why ClickHouse could not store the row as given, or undefined when it can. A shared batch must
 * never fail because of one caller's row, so rows are checked before they join one.
 */
export function usageRowProblem(row: UsageRow): AppError | undefined {
  // Plain loops over constant field lists: this runs for every ingested row.
  for (const field of TIMES) {
    const ms = row[field].getTime();
    if (!(ms >= MIN_TIME_MS && ms <= MAX_TIME_MS)) {
      return unstorable(row, field, 'must be a valid time between 1900 and 2299');
    }
  }
  for (const field of WHOLE_NUMBERS) {
    const value = row[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      return unstorable(row, field, 'must be a whole number ≥ 0');
    }
  }
  if (row.max_tokens !== null && (!Number.isSafeInteger(row.max_tokens) || row.max_tokens < 0)) {
    return unstorable(row, 'max_tokens', 'must be a whole number ≥ 0');
  }
  for (const field of OPTIONAL_NUMBERS) {
    const value = row[field];
    if (value !== null && !Number.isFinite(value)) {
      return unstorable(row, field, 'must be a finite number');
    }
  }
  return undefined;
}

const DAY_MS = 86_400_000;
const pad = (width: number) => (_: unknown, n: number) => String(n).padStart(width, '0');
const TWO_DIGITS = Array.from({ length: 60 }, pad(2));
const THREE_DIGITS = Array.from({ length: 1000 }, pad(3));
/** `YYYY-MM-DD` by epoch day; rows of a batch span few days, and ingested_at is one day. */
const dayTexts = new Map<number, string>();

function dayText(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    // Bounded: a backfill over many years must not grow it without limit.
    if (dayTexts.size >= 4_096) {
      dayTexts.clear();
    }
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return text;
}

/**
 * `YYYY-MM-DD hh:mm:ss.sss`: the one DateTime64 text every ClickHouse version parses the same way
 * (a bare number is read as milliseconds by some versions and as seconds by others). Built from
 * the epoch value with the date part cached: this runs twice per row and toISOString is ~6× slower.
 */
export function toClickHouseTime(date: Date): string {
  const ms = date.getTime();
  const day = Math.floor(ms / DAY_MS);
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  return `${dayText(day)} ${TWO_DIGITS[Math.floor(seconds / 3600)] ?? ''}:${TWO_DIGITS[Math.floor(seconds / 60) % 60] ?? ''}:${TWO_DIGITS[seconds % 60] ?? ''}.${THREE_DIGITS[inDay % 1000] ?? ''}`;
}

/** The inverse of toClickHouseTime (values are stored and returned in UTC). */
export function fromClickHouseTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

function line(row: UsageRow): string {
  // Keep in USAGE_COLUMNS order. A literal array is ~2× faster than mapping the column list.
  return JSON.stringify([
    row.org_id, row.event_id, toClickHouseTime(row.timestamp), toClickHouseTime(row.ingested_at),
    row.source, row.provider, row.model, row.operation,
    row.input_tokens, row.output_tokens, row.cache_read_tokens, row.cache_write_tokens, row.reasoning_tokens,
    row.latency_ms, row.ttft_ms, row.status, row.error_type, row.reported_cost_usd, row.cost_usd,
    row.priced_provider, row.priced_model, row.batch, row.stream, row.max_tokens, row.temperature,
    row.prompt_hash, row.prefix_hashes, row.prefix_block_tokens, row.prompt,
    row.user_id, row.session_id, row.feature, row.app, row.environment, row.tags, row.metadata,
  ]); // prettier-ignore
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every broken UTF-16 surrogate replaced by U+FFFD, as the encoder stores it. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function withWellFormedStrings(row: UsageRow): UsageRow {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    copy[key] =
      typeof value === 'string'
        ? wellFormed(value)
        : Array.isArray(value)
          ? value.map((item: string) => wellFormed(item))
          : key === 'metadata'
            ? Object.fromEntries(
                Object.entries(value as Record<string, string>).map(([k, v]) => [
                  wellFormed(k),
                  wellFormed(v),
                ]),
              )
            : value;
  }
  return copy as unknown as UsageRow;
}

/**
 * The row as one JSONCompactEachRow line.
 * @throws AppError 400 `unstorable_usage_row` when ClickHouse could not store it as given.
 */
export function encodeUsageRow(row: UsageRow): string {
  const problem = usageRowProblem(row);
  if (problem !== undefined) {
    throw problem;
  }
  const encoded = line(row);
  // JSON.stringify escapes a lone UTF-16 surrogate as \udXXX, which ClickHouse refuses (and with it
  // the whole batch). Such text is already broken, so it is stored with U+FFFD in its place.
  return encoded.includes('\\ud') ? line(withWellFormedStrings(row)) : encoded;
}

/**
 * The rows as JSONCompactEachRow lines in one UTF-8 buffer, each line ending with a newline (the
 * encoding escapes newlines inside values, so lines never break inside a row).
 * @throws AppError 400 `unstorable_usage_row` when ClickHouse could not store a row as given.
 */
export function encodeUsageRows(rows: readonly UsageRow[]): Buffer {
  return rows.length === 0 ? Buffer.alloc(0) : Buffer.from(`${rows.map(encodeUsageRow).join('\n')}\n`);
}

/** A row as ClickHouse returns it in JSONEachRow (times as text). */
export type StoredUsageRecord = Omit<UsageRow, 'timestamp' | 'ingested_at'> & {
  timestamp: string;
  ingested_at: string;
};

/** The UsageRow a stored record represents. */
export function decodeUsageRow(record: StoredUsageRecord): UsageRow {
  return {
    ...record,
    timestamp: fromClickHouseTime(record.timestamp),
    ingested_at: fromClickHouseTime(record.ingested_at),
  };
}
