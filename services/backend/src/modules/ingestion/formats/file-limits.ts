/**
 * Limits on one usage file read from an untrusted source (an upload): its decoded size, its lines
 * and its rows. Blank lines count: they cost the reader work like any other line, and a small gzip
 * body can expand to millions of them. The command line reads the user's own files without limits.
 * @module
 */
import { AppError } from '@netra/shared';

export interface FileLimits {
  /** Decoded (decompressed) bytes. */
  bytes: number;
  /** Lines, blank ones included. */
  lines: number;
  /** Source rows: CSV data rows, JSON lines, elements of a JSON document's row array. */
  rows: number;
}

export const NO_FILE_LIMITS: FileLimits = {
  bytes: Number.POSITIVE_INFINITY,
  lines: Number.POSITIVE_INFINITY,
  rows: Number.POSITIVE_INFINITY,
};

const SPLIT_HINT = 'split it into several uploads';

export function fileTooLarge(limit: number): AppError {
  return new AppError(413, 'file_too_large', `The file is larger than ${limit} bytes; ${SPLIT_HINT}`, {
    details: { limit_bytes: limit },
  });
}

export function fileHasTooManyLines(limit: number): AppError {
  return new AppError(
    413,
    'file_too_many_lines',
    `The file has more than ${limit} lines (blank lines count); ${SPLIT_HINT}`,
    { details: { limit_lines: limit } },
  );
}

export function fileHasTooManyRows(limit: number): AppError {
  return new AppError(413, 'file_too_many_rows', `The file has more than ${limit} rows; ${SPLIT_HINT}`, {
    details: { limit_rows: limit },
  });
}

const NEWLINE = 0x0a;

/**
 * Line breaks in a chunk of UTF-8 bytes (a newline byte never occurs inside a multi-byte character),
 * counting no further than `atMost`: a chunk of nothing but newlines stops as soon as it is over.
 */
export function countLineBreaks(bytes: Uint8Array, atMost: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1 && count < atMost; at = bytes.indexOf(NEWLINE, at + 1)) {
    count += 1;
  }
  return count;
}
