/**
 * Test helpers for the usage-file readers: fixture loading, splitting bytes at chosen offsets (to
 * cross chunk boundaries anywhere, including inside a multi-byte character), and collecting rows.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileProgress, FileRow, ReadUsageFileOptions, UsageFileInput } from './file-format.types.js';
import { createFileProgress } from './file-format.types.js';
import { readUsageFile } from './read-usage-file.js';

/** The bytes of a fixture under `formats/fixtures/`. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** Yields `bytes` in pieces cut at `offsets` (sorted, within the buffer). */
export async function* chunksAt(bytes: Buffer, offsets: readonly number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    if (offset > start) {
      await Promise.resolve();
      yield bytes.subarray(start, offset);
      start = offset;
    }
  }
}

/** Yields `bytes` in pieces of `size` bytes. */
export function chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  const offsets: number[] = [];
  for (let offset = size; offset < bytes.length; offset += size) {
    offsets.push(offset);
  }
  return chunksAt(bytes, offsets);
}

async function* fromArray(chunks: readonly (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const chunk of chunks) {
    await Promise.resolve();
    yield chunk;
  }
}

/** Every row the reader yields, with the final progress; an array is read as a chunk sequence. */
export async function readAll(
  input: UsageFileInput | readonly (Buffer | string)[],
  options: ReadUsageFileOptions,
): Promise<{ rows: FileRow[]; progress: FileProgress }> {
  const progress = createFileProgress();
  const rows: FileRow[] = [];
  const source = Array.isArray(input) ? fromArray(input) : (input as UsageFileInput);
  for await (const row of readUsageFile(source, { ...options, progress })) {
    rows.push(row);
  }
  return { rows, progress };
}

/** The records of the rows that converted. */
export function recordsOf(rows: readonly FileRow[]): Record<string, unknown>[] {
  return rows.flatMap((row) => (row.record === undefined ? [] : [row.record]));
}

/** The `line: field` of each failed row, for compact assertions. */
export function errorsOf(rows: readonly FileRow[]): string[] {
  return rows.flatMap((row) => (row.error === undefined ? [] : [`${row.line}: ${row.error.field}`]));
}
