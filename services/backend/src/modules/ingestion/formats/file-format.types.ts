/**
 * Shapes shared by the usage-file readers: the formats, the reader's options, the rows it yields
 * and the live progress counters.
 * @module
 */
import type { Readable } from 'node:stream';
import { USAGE_FILE_FORMATS, type UsageFileFormat } from '@netra/shared/contracts';
import type { FileLimits } from './file-limits.js';

/** The formats live in the contracts (the web app offers them); re-exported for the readers. */
export { USAGE_FILE_FORMATS, type UsageFileFormat };
/** A concrete format (what `auto` resolves to). */
export type ResolvedFormat = Exclude<UsageFileFormat, 'auto'>;

/** A canonical usage event (ARCHITECTURE §4.1) before validation: `parseUsageEvent` checks it. */
export type CanonicalRecord = Record<string, unknown>;

/** Why one source row could not be converted: the source field at fault and a human reason. */
export interface RowError {
  field: string;
  reason: string;
}

/** One converted row: its 1-based line in the file and either a record or the reason it failed. */
export interface FileRow {
  line: number;
  record?: CanonicalRecord;
  error?: RowError;
}

/** Live counters, updated while the reader is iterated (safe to read at any time, e.g. for a progress bar). */
export interface FileProgress {
  /** The format in use (the detected one when `auto`); undefined until the first line was read. */
  format: ResolvedFormat | undefined;
  /** Bytes consumed from the input so far. */
  bytesRead: number;
  /** Line breaks consumed so far, blank lines included. */
  lines: number;
  /** Source rows seen (CSV data rows, JSON lines or JSON array elements; blank lines excluded). */
  rows: number;
  /** Rows (or bucket results) yielded with a record. */
  records: number;
  /** Rows yielded with an error. */
  errors: number;
  /** Rows deliberately not converted (non-generation observations, empty usage buckets), by reason. */
  skipped: Record<string, number>;
}

/** What the reader accepts: a Node stream or any async iterable of chunks (e.g. a file or request body). */
export type UsageFileInput = AsyncIterable<Buffer | string> | Readable;

/** Options of `readUsageFile`. */
export interface ReadUsageFileOptions {
  format: UsageFileFormat;
  /** Source column (or JSON key) → canonical field (`metadata.<key>` allowed); `csv` and `canonical` only. */
  map?: Record<string, string>;
  /** Model for rows that name none. */
  model?: string;
  /** Provider for rows that name none. */
  provider?: string;
  /** Origin for relative timestamps: a numeric timestamp is then milliseconds after this instant. */
  timestampBase?: Date;
  /** Filled in while reading; pass one from `createFileProgress()` to watch it. */
  progress?: FileProgress;
  /** For untrusted input (uploads): a file over one of them stops with a 413 `AppError`. */
  limits?: FileLimits;
}

/**
 * Every skip reason that means the file as a whole holds no usage starts with this, so the CLI and
 * the upload can tell "nothing to import" from rows skipped on purpose.
 */
export const NO_USAGE_IN_FILE = 'no usage in this file';

/** Fresh, zeroed progress counters. */
export function createFileProgress(): FileProgress {
  return { format: undefined, bytesRead: 0, lines: 0, rows: 0, records: 0, errors: 0, skipped: {} };
}

/** A parsed source row on its way to a converter: the JSON value or CSV row object and where it started. */
export interface SourceRow {
  line: number;
  value: unknown;
  /** The element's JSON text, when it came from a multi-line JSON document (to locate nested rows). */
  text?: string;
}

/** What a row source yields: a parsed row, or a row that could not even be parsed (bad JSON, broken CSV). */
export type SourceEvent = SourceRow | { line: number; error: RowError };

/** What a converter makes of one source row: records and errors (each with its line), or a skip reason. */
export type ConvertedRow =
  | { line: number; record: CanonicalRecord }
  | { line: number; error: RowError }
  | { line: number; skip: string };

/** Turns one source row into zero or more converted rows. */
export type RowConverter = (row: SourceRow, options: ReadUsageFileOptions) => ConvertedRow[];
