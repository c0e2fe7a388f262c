/**
 * The shape OpenAI's and Anthropic's organization usage reports share: a page (`data: [...]`) of
 * time buckets, each with `results` grouped by model, key, project or workspace. Also accepts
 * buckets on their own (one per JSON line) and flat rows that carry the bucket times themselves
 * (the CSV exports). Each result becomes one aggregated record: `request_count` requests over the
 * bucket from `timestamp` (its start) to `period_end` (its end, exclusive).
 *
 * Idempotency: an aggregated record's event_id hashes EVERY column of its source row and its
 * bucket, not only the grouping the converter reads, so two distinct rows that look alike (the
 * dashboard export has columns we do not map) are both stored. A row repeated verbatim, bucket
 * and all, is the same group exported twice and is stored once.
 * @module
 */
import { createHash } from 'node:crypto';
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { guarded } from './converted-rows.js';
import { elementLines } from './json-elements.js';
import { asRow, jsonText, type Row } from './value-readers.js';

/** Converts one result; `bucket` holds the time fields (the result itself for flat CSV rows). */
export type ResultConverter = (
  line: number,
  result: Row,
  bucket: Row,
  options: ReadUsageFileOptions,
) => ConvertedRow;

/** Walks a page, a bucket or a flat row and converts every result in it, each with its own line. */
export function convertBuckets(
  row: SourceRow,
  options: ReadUsageFileOptions,
  convertResult: ResultConverter,
): ConvertedRow[] {
  return guarded(row.line, () => {
    const value = asRow(row.value);
    if (Array.isArray(value.data)) {
      return value.data.flatMap((bucket) =>
        convertBuckets({ line: row.line, value: bucket }, options, convertResult),
      );
    }
    if (Array.isArray(value.results)) {
      return convertBucket(row, value, value.results as unknown[], options, convertResult);
    }
    return [convertResult(row.line, value, value, options)];
  });
}

function convertBucket(
  row: SourceRow,
  bucket: Row,
  results: unknown[],
  options: ReadUsageFileOptions,
  convertResult: ResultConverter,
): ConvertedRow[] {
  // Results of a pretty-printed bucket sit on lines of their own: report each at its line.
  const lines = row.text === undefined ? [] : elementLines(row.text, 'results');
  return results.flatMap((result, index) => {
    const line = row.line + (lines[index] ?? 1) - 1;
    return guarded(line, () => [convertResult(line, asRow(result, 'results'), bucket, options)]);
  });
}

/** Every count in `counts` is zero: the bucket saw no traffic for this group. */
export function isEmptyUsage(counts: readonly (number | undefined)[]): boolean {
  return counts.every((count) => count === undefined || count === 0);
}

/** The fields of a row as `[key, value]` pairs in key order, without the nested result list. */
function sortedEntries(row: Row): [string, unknown][] {
  return Object.keys(row)
    .filter((key) => key !== 'results' && key !== 'data')
    .sort()
    .map((key) => [key, row[key]]);
}

/**
 * The event_id of an aggregated record: `prefix:` and a hash over every column of the result and
 * of its bucket (the same object for a flat CSV row), whatever their order in the file.
 */
export function aggregateEventId(prefix: string, result: Row, bucket: Row): string {
  const columns =
    result === bucket ? [sortedEntries(result)] : [sortedEntries(bucket), sortedEntries(result)];
  const digest = createHash('sha256').update(jsonText(columns, 'row')).digest('hex');
  return `${prefix}:${digest.slice(0, 40)}`;
}
