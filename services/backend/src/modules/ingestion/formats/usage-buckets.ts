/**
 * The shape OpenAI's and Anthropic's organization usage reports share: a page (`data: [...]`) of
 * time buckets, each with `results` grouped by model, key, project or workspace. Also accepts
 * buckets on their own (one per JSON line) and flat rows that carry the bucket times themselves
 * (the CSV exports). Each result becomes one aggregated record.
 * @module
 */
import type { ConvertedRow, ReadUsageFileOptions, SourceRow } from './file-format.types.js';
import { guarded } from './converted-rows.js';
import { elementLines } from './json-elements.js';
import { asRow, type Row } from './value-readers.js';

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
