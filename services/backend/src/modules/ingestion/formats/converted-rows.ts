/**
 * Helpers every converter shares: finishing a record with the reader's defaults, and turning a
 * `ConversionError` into a row error instead of losing the row.
 * @module
 */
import type { CanonicalRecord, ConvertedRow, ReadUsageFileOptions, RowError } from './file-format.types.js';
import { ConversionError } from './value-readers.js';

/** Applies the default model and provider, drops empty fields, and refuses a record with no model. */
export function finishRecord(
  line: number,
  record: CanonicalRecord,
  options: ReadUsageFileOptions,
): ConvertedRow {
  const finished = withoutEmpty(record);
  finished.model ??= options.model;
  finished.provider ??= options.provider;
  if (finished.model === undefined) {
    return {
      line,
      error: { field: 'model', reason: 'the row names no model; pass a default `model` for such rows' },
    };
  }
  return { line, record: withoutEmpty(finished) };
}

/** The record without undefined, empty-text and empty-object fields. */
export function withoutEmpty(record: CanonicalRecord): CanonicalRecord {
  const result: CanonicalRecord = {};
  for (const [key, value] of Object.entries(record)) {
    const empty =
      value === undefined ||
      value === '' ||
      (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
    if (!empty) {
      result[key] = value;
    }
  }
  return result;
}

/** Runs one row's conversion; a `ConversionError` becomes that row's error, anything else is a bug and rethrown. */
export function guarded(line: number, convert: () => ConvertedRow[]): ConvertedRow[] {
  try {
    return convert();
  } catch (error) {
    if (error instanceof ConversionError) {
      return [{ line, error: toRowError(error) }];
    }
    throw error;
  }
}

function toRowError(error: ConversionError): RowError {
  return { field: error.field, reason: error.message };
}
