/**
 * The source rows of a file in its layout (CSV/TSV rows, JSON lines, elements of a JSON document),
 * counted against the file's row limit: shared by the usage and the cost readers.
 * @module
 */
import { csvRows } from './csv-rows.js';
import type { TextLayout } from './detect-format.js';
import type { SourceEvent } from './file-format.types.js';
import { fileHasTooManyRows, type FileLimits } from './file-limits.js';
import { jsonDocumentRows, jsonLineRows } from './json-rows.js';

export function sourceRows(text: AsyncIterable<string>, layout: TextLayout): AsyncGenerator<SourceEvent> {
  switch (layout.container) {
    case 'csv':
      return csvRows(text, layout.delimiter);
    case 'jsonl':
      return jsonLineRows(text);
    case 'json-document':
      return jsonDocumentRows(text);
  }
}

/** Counts one more source row; 413 `file_too_many_rows` past the limit. */
export function countSourceRow(progress: { rows: number }, limits: FileLimits): void {
  progress.rows += 1;
  if (progress.rows > limits.rows) {
    throw fileHasTooManyRows(limits.rows);
  }
}
