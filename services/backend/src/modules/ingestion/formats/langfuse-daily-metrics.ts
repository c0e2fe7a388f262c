/**
 * Langfuse's daily metrics (`GET /api/public/metrics/daily`, a `{data, meta}` page): one row per day
 * (`date`, `countTraces`, `countObservations`, `totalCost`) with a `usage` list per model
 * (`model`, `inputUsage`, `outputUsage`, `totalUsage`, `countObservations`, `countTraces`,
 * `totalCost` in USD). Each usage entry becomes ONE aggregated record: `request_count` =
 * `countObservations`, `timestamp` = the day's start and `period_end` = the next day (UTC), the
 * stated `totalCost` as `cost_usd`. The counts carry no cache or reasoning detail. Two entries of
 * the same day and model exist (one per internal model id), so the idempotency key covers the whole
 * entry.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { finishRecord, guarded } from './converted-rows.js';
import { elementLines } from './json-elements.js';
import { toIsoTimestamp } from './timestamps.js';
import { canonicalCounts } from './token-conventions.js';
import { asRow, hashedEventId, readCount, readNumber, readText, type Row } from './value-readers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether the row is a day of the daily metrics (rather than an observation). */
export function isDailyMetricsRow(source: Row): boolean {
  return typeof source.date === 'string' && Array.isArray(source.usage);
}

/** Converts one day: a record per model entry, each at its own line. */
export function convertDailyMetricsRow(
  row: SourceRow,
  source: Row,
  options: ReadUsageFileOptions,
): ConvertedRow[] {
  const day = toIsoTimestamp(source.date, 'date');
  const entries = source.usage as unknown[];
  const lines = row.text === undefined ? [] : elementLines(row.text, 'usage');
  return entries.flatMap((entry, index) => {
    const line = row.line + (lines[index] ?? 1) - 1;
    return guarded(line, () => [convertEntry(line, day, asRow(entry, 'usage'), options)]);
  });
}

function convertEntry(line: number, day: string, entry: Row, options: ReadUsageFileOptions): ConvertedRow {
  const requests = readCount(entry, 'countObservations');
  const input = readCount(entry, 'inputUsage') ?? 0;
  const output = readCount(entry, 'outputUsage') ?? 0;
  if (requests === 0 && input === 0 && output === 0) {
    return { line, skip: 'empty usage bucket' };
  }
  const record = {
    event_id: hashedEventId('langfuse-daily', [day, entry]),
    timestamp: day,
    period_end: new Date(Date.parse(day) + DAY_MS).toISOString(),
    request_count: requests === undefined || requests === 0 ? undefined : requests,
    model: readText(entry, 'model'),
    ...canonicalCounts({
      input_tokens: input,
      output_tokens: output,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
    }),
    cost_usd: readNumber(entry, 'totalCost'),
    metadata: { source: 'langfuse', langfuse_view: 'metrics-daily' },
  };
  return finishRecord(line, record, options);
}
