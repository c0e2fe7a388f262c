/**
 * Format detection from the first line(s): the header of a CSV, the first JSON line, or the first
 * row of a JSON document. Only unambiguous signatures decide; anything else asks for `format`.
 * @module
 */
import { AppError } from '@netra/shared';
import type { ResolvedFormat } from './file-format.types.js';
import { JsonDocumentError, JsonElementScanner } from './json-elements.js';
import { DOCUMENT_ROW_PATHS, looksLikeJsonLines } from './json-rows.js';
import { CANONICAL_FIELDS } from './generic-format.js';
import { firstNonBlankLine } from './text-source.js';

/** How the rows are laid out in the file. */
export type Container = 'jsonl' | 'json-document' | 'csv';

/** Keys (JSON) or columns (CSV) that identify each source format. */
const SIGNATURES: readonly { format: ResolvedFormat; matches: (keys: ReadonlySet<string>) => boolean }[] = [
  {
    format: 'openai',
    matches: (keys) => keys.has('num_model_requests') || (keys.has('start_time') && keys.has('results')),
  },
  {
    format: 'anthropic',
    matches: (keys) =>
      keys.has('uncached_input_tokens') ||
      keys.has('usage_input_tokens_no_cache') ||
      (keys.has('starting_at') && keys.has('results')),
  },
  {
    format: 'litellm',
    matches: (keys) => keys.has('request_id') && (keys.has('call_type') || keys.has('spend')),
  },
  {
    format: 'langfuse',
    matches: (keys) =>
      (keys.has('traceId') || keys.has('trace_id')) &&
      ['usageDetails', 'usage_details', 'type', 'startTime', 'start_time'].some((key) => keys.has(key)),
  },
];

/** Whether enough text has been read to detect: the first line, or for a JSON document its first row. */
export function hasEnoughToDetect(head: string): boolean {
  const line = firstNonBlankLine(head, false);
  if (line === undefined) {
    return false;
  }
  return !isJsonStart(line) || looksLikeJsonLines(line) || firstDocumentRow(head) !== undefined;
}

/** The container of the text, from its first non-blank line: JSON when it opens an object or array. */
export function detectContainer(head: string): Container {
  const line = firstNonBlankLine(head, true) ?? '';
  if (!isJsonStart(line)) {
    return 'csv';
  }
  return looksLikeJsonLines(line) ? 'jsonl' : 'json-document';
}

/** The format of the text; throws a 400 `AppError` asking for `format` when it is not clear. */
export function detectFormat(head: string, container: Container): ResolvedFormat {
  const keys = container === 'csv' ? csvHeader(head) : jsonKeys(firstJsonRow(head, container));
  const candidates = SIGNATURES.filter((signature) => signature.matches(keys)).map((s) => s.format);
  if (candidates.length === 0 && isCanonical(keys, container)) {
    candidates.push(container === 'csv' ? 'csv' : 'canonical');
  }
  if (candidates.length === 1) {
    return candidates[0] as ResolvedFormat;
  }
  throw undetected(keys, candidates);
}

function isJsonStart(line: string): boolean {
  return line.startsWith('{') || line.startsWith('[');
}

function isCanonical(keys: ReadonlySet<string>, container: Container): boolean {
  const known = [...keys].every((key) => CANONICAL_FIELDS.has(key));
  return keys.has('timestamp') && (container === 'csv' ? known && keys.has('model') : known);
}

function csvHeader(head: string): Set<string> {
  const line = firstNonBlankLine(head, true) ?? '';
  return new Set(line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
}

function firstJsonRow(head: string, container: Container): unknown {
  if (container === 'jsonl') {
    return JSON.parse(firstNonBlankLine(head, true) ?? 'null') as unknown;
  }
  const text = firstDocumentRow(head);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function firstDocumentRow(head: string): string | undefined {
  try {
    return new JsonElementScanner(DOCUMENT_ROW_PATHS).push(head)[0]?.text;
  } catch (error) {
    if (error instanceof JsonDocumentError) {
      return undefined;
    }
    throw error;
  }
}

/** Keys of a row; a page (`data: [...]`) or an array is judged by its first row. */
function jsonKeys(value: unknown): Set<string> {
  if (Array.isArray(value)) {
    return jsonKeys(value[0]);
  }
  if (typeof value !== 'object' || value === null) {
    return new Set();
  }
  const data = (value as { data?: unknown }).data;
  if (Array.isArray(data) && data.length > 0) {
    return jsonKeys(data[0]);
  }
  return new Set(Object.keys(value));
}

function undetected(keys: ReadonlySet<string>, candidates: readonly ResolvedFormat[]): AppError {
  const seen = [...keys].slice(0, 12).join(', ');
  const why =
    candidates.length > 1
      ? `it could be any of ${candidates.join(', ')}`
      : `no known format has these fields (${seen || 'none'})`;
  return new AppError(
    400,
    'ingestion_format_undetected',
    `Could not tell the file's format from its first line: ${why}. Pass \`format\` ` +
      '(canonical, openai, anthropic, litellm, langfuse, or csv with a column map).',
    { details: { candidates, fields: [...keys].slice(0, 50) } },
  );
}
