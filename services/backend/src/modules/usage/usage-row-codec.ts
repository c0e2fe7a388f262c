/**
 * How a UsageRow travels to and from `usage_events`: one JSONCompactEachRow line per row on the way
 * in (the fastest text format we measured for both chdb and the HTTP server, and cheap to build with
 * the native JSON.stringify), and JSONEachRow objects on the way out.
 * @module
 */
import { AppError } from '@netra/shared';
import { JsonLineWriter, wellFormed } from './json-line-writer.js';

export { wellFormed };
import type { UsageRow } from './usage-row.js';

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
  'request_count',
  'period_end',
  'cache_write_1h_tokens',
  'web_search_requests',
  'cost_source',
] as const satisfies readonly (keyof UsageRow)[];

/** The counts a request is billed by: every token kind and the web searches. */
export const BILLED_COUNT_COLUMNS = [
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cache_write_1h_tokens',
  'web_search_requests',
] as const satisfies readonly (keyof UsageRow)[];

/** DateTime64(3) holds 1900-01-01 … 2299-12-31; outside it ClickHouse would store a different instant. */
const MIN_TIME_MS = Date.UTC(1900, 0, 1);
const MAX_TIME_MS = Date.UTC(2300, 0, 1) - 1;

/** Why a row cannot be stored as given: the field at fault and a reason fit for the client. */
export interface UsageRowProblem {
  field: string;
  reason: string;
}

function unstorable(row: UsageRow, problem: UsageRowProblem): AppError {
  return new AppError(400, 'unstorable_usage_row', `${problem.field} ${problem.reason}`, {
    details: { event_id: row.event_id, field: problem.field },
  });
}

/**
 * Why ClickHouse could not store the row as given, or undefined when it can. A shared batch must
 * never fail because of one caller's row, so ingestion checks every row before it joins one (and
 * refuses it alone); the encoders check again, so nothing unstorable ever reaches an insert.
 */
export function usageRowProblem(row: UsageRow): UsageRowProblem | undefined {
  const badTime = badTimeField(row);
  if (badTime !== undefined) {
    return { field: badTime, reason: 'must be a valid time between 1900 and 2299' };
  }
  const badCount = badCountField(row);
  if (badCount !== undefined) {
    return { field: badCount, reason: 'must be a whole number ≥ 0' };
  }
  const notFinite = notFiniteField(row);
  return notFinite === undefined ? undefined : { field: notFinite, reason: 'must be a finite number' };
}

// Field by field rather than over a list of names: these run for every ingested row, and a
// computed property access per field costs more than all the checks together.

function badTimeField(row: UsageRow): string | undefined {
  if (!isStorableTime(row.timestamp)) {
    return 'timestamp';
  }
  if (row.period_end !== null && !isStorableTime(row.period_end)) {
    return 'period_end';
  }
  return isStorableTime(row.ingested_at) ? undefined : 'ingested_at';
}

function badCountField(row: UsageRow): string | undefined {
  return (
    (!isCount(row.input_tokens) && 'input_tokens') ||
    (!isCount(row.output_tokens) && 'output_tokens') ||
    (!isCount(row.cache_read_tokens) && 'cache_read_tokens') ||
    (!isCount(row.cache_write_tokens) && 'cache_write_tokens') ||
    (!isCount(row.reasoning_tokens) && 'reasoning_tokens') ||
    (!isCount(row.prefix_block_tokens) && 'prefix_block_tokens') ||
    (row.max_tokens !== null && !isCount(row.max_tokens) && 'max_tokens') ||
    (!isCount(row.cache_write_1h_tokens) && 'cache_write_1h_tokens') ||
    (!isUInt32(row.web_search_requests) && 'web_search_requests') ||
    ((!isUInt32(row.request_count) || row.request_count === 0) && 'request_count') ||
    undefined
  );
}

function notFiniteField(row: UsageRow): string | undefined {
  return (
    (!isFiniteOrNull(row.latency_ms) && 'latency_ms') ||
    (!isFiniteOrNull(row.ttft_ms) && 'ttft_ms') ||
    (!isFiniteOrNull(row.reported_cost_usd) && 'reported_cost_usd') ||
    (!isFiniteOrNull(row.cost_usd) && 'cost_usd') ||
    (!isFiniteOrNull(row.temperature) && 'temperature') ||
    undefined
  );
}

function isStorableTime(date: Date): boolean {
  const ms = date.getTime();
  return ms >= MIN_TIME_MS && ms <= MAX_TIME_MS;
}

const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;
const isUInt32 = (value: number) => isCount(value) && value <= 0xffff_ffff;
const isFiniteOrNull = (value: number | null) => value === null || Number.isFinite(value);

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
    row.request_count, row.period_end === null ? null : toClickHouseTime(row.period_end),
    row.cache_write_1h_tokens, row.web_search_requests, row.cost_source,
  ]); // prettier-ignore
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
    throw unstorable(row, problem);
  }
  const encoded = line(row);
  // JSON.stringify escapes a lone UTF-16 surrogate as \udXXX, which ClickHouse refuses (and with it
  // the whole batch). Such text is already broken, so it is stored with U+FFFD in its place.
  return encoded.includes('\\ud') ? line(withWellFormedStrings(row)) : encoded;
}

/** About the size of a typical encoded row; the writer grows when rows are larger. */
const TYPICAL_ROW_BYTES = 400;

function writeRow(out: JsonLineWriter, row: UsageRow, ingestedAt: string): void {
  // Keep in USAGE_COLUMNS order; the same values, in the same order, as line().
  out.beginArray();
  out.string(row.org_id);
  out.string(row.event_id);
  out.plainString(toClickHouseTime(row.timestamp));
  out.plainString(ingestedAt);
  out.string(row.source);
  out.string(row.provider);
  out.string(row.model);
  out.string(row.operation);
  out.number(row.input_tokens);
  out.number(row.output_tokens);
  out.number(row.cache_read_tokens);
  out.number(row.cache_write_tokens);
  out.number(row.reasoning_tokens);
  out.number(row.latency_ms);
  out.number(row.ttft_ms);
  out.string(row.status);
  out.string(row.error_type);
  out.number(row.reported_cost_usd);
  out.number(row.cost_usd);
  out.string(row.priced_provider);
  out.string(row.priced_model);
  out.boolean(row.batch);
  out.boolean(row.stream);
  out.number(row.max_tokens);
  out.number(row.temperature);
  out.string(row.prompt_hash);
  out.strings(row.prefix_hashes);
  out.number(row.prefix_block_tokens);
  out.string(row.prompt);
  out.string(row.user_id);
  out.string(row.session_id);
  out.string(row.feature);
  out.string(row.app);
  out.string(row.environment);
  out.strings(row.tags);
  out.stringRecord(row.metadata);
  out.number(row.request_count);
  if (row.period_end === null) {
    out.number(null);
  } else {
    out.plainString(toClickHouseTime(row.period_end));
  }
  out.number(row.cache_write_1h_tokens);
  out.number(row.web_search_requests);
  out.plainString(row.cost_source);
  out.endArray();
  out.endLine();
}

/**
 * The rows as JSONCompactEachRow lines in one UTF-8 buffer, each line ending with a newline (the
 * encoding escapes newlines inside values, so lines never break inside a row): byte for byte the
 * UTF-8 of encodeUsageRow's lines, written without building them.
 * @throws AppError 400 `unstorable_usage_row` when ClickHouse could not store a row as given.
 */
export function encodeUsageRows(rows: readonly UsageRow[]): Buffer {
  const out = new JsonLineWriter(Math.max(1, rows.length) * TYPICAL_ROW_BYTES);
  // Rows of one write share their ingestion time: format it once.
  let ingested: { ms: number; text: string } | undefined;
  for (const row of rows) {
    const problem = usageRowProblem(row);
    if (problem !== undefined) {
      throw unstorable(row, problem);
    }
    const ms = row.ingested_at.getTime();
    if (ingested?.ms !== ms) {
      ingested = { ms, text: toClickHouseTime(row.ingested_at) };
    }
    writeRow(out, row, ingested.text);
  }
  return out.bytes();
}

/** A row as ClickHouse returns it in JSONEachRow (times as text). */
export type StoredUsageRecord = Omit<UsageRow, 'timestamp' | 'ingested_at' | 'period_end'> & {
  timestamp: string;
  ingested_at: string;
  period_end: string | null;
};

/** The UsageRow a stored record represents. */
export function decodeUsageRow(record: StoredUsageRecord): UsageRow {
  return {
    ...record,
    timestamp: fromClickHouseTime(record.timestamp),
    ingested_at: fromClickHouseTime(record.ingested_at),
    period_end: record.period_end === null ? null : fromClickHouseTime(record.period_end),
  };
}
