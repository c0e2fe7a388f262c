/**
 * Format detection by content: how the rows are laid out (JSON Lines, a JSON document — pretty or
 * on one line —, or CSV with its delimiter), then which export they come from, by the keys of the
 * first records (or the CSV header). Only unambiguous signatures decide; anything else is one 400
 * naming the shapes that are expected.
 * @module
 */
import { AppError } from '@netra/shared';
import type { ResolvedFormat } from './file-format.types.js';
import { refuseCostExport } from './cost-detect.js';
import { CANONICAL_FIELDS } from './generic-format.js';
import { JsonDocumentError } from './json-elements.js';
import { documentScanner, looksLikeJsonLines } from './json-rows.js';
import { firstNonBlankLine } from './text-source.js';

/** How the rows are laid out in the file. */
export type Container = 'jsonl' | 'json-document' | 'csv';

/** The CSV delimiters recognised from the header. */
export type CsvDelimiter = ',' | '\t' | ';';

/** The layout of a file: its container and, for CSV, the delimiter. */
export interface TextLayout {
  container: Container;
  delimiter: CsvDelimiter;
}

/** Keys (JSON, with `object:<value>` entries for typed API objects) or columns (CSV) of the first records. */
export type SourceKeys = ReadonlySet<string>;

/** One recognisable export: its format, what it stands for (named in the refusal), and its keys. */
export interface FormatSignature {
  format: ResolvedFormat;
  shapes: string;
  matches: (keys: SourceKeys) => boolean;
}

/**
 * Cost exports share the usage reports' pages and buckets; their results carry an amount instead of
 * tokens. They are read by the cost reader (`read-cost-file.ts`), never taken for usage.
 */
function isCostExport(keys: SourceKeys): boolean {
  return ['amount', 'amount_value', 'object:organization.costs.result'].some((key) => keys.has(key));
}

/** The known exports. Add an entry to recognise another one; the refusal lists it by `shapes`. */
export const SIGNATURES: readonly FormatSignature[] = [
  {
    format: 'openai',
    shapes: 'OpenAI usage (Usage API JSON pages, or the dashboard usage CSV)',
    matches: (keys) =>
      !isCostExport(keys) &&
      (keys.has('num_model_requests') || (keys.has('start_time') && keys.has('results'))),
  },
  {
    format: 'anthropic',
    shapes: 'Anthropic usage (Admin API usage report, or the Console usage CSV)',
    matches: (keys) =>
      !isCostExport(keys) &&
      (keys.has('uncached_input_tokens') ||
        keys.has('usage_input_tokens_no_cache') ||
        (keys.has('starting_at') && keys.has('results'))),
  },
  {
    format: 'litellm',
    shapes: 'LiteLLM (spend logs as CSV or JSON, or its standard logging payloads)',
    matches: (keys) =>
      (keys.has('request_id') && (keys.has('call_type') || keys.has('spend'))) ||
      (keys.has('call_type') &&
        ['response_cost', 'hidden_params', 'model_map_information'].some((k) => keys.has(k))),
  },
  {
    format: 'langfuse',
    shapes: 'Langfuse (observations: API pages, trace downloads, CSV or JSON exports; daily metrics pages)',
    matches: (keys) =>
      keys.has('trace') ||
      (keys.has('date') && keys.has('countObservations') && keys.has('usage')) ||
      ((keys.has('traceId') || keys.has('trace_id')) &&
        !keys.has('call_type') &&
        ['usageDetails', 'usage_details', 'type', 'startTime', 'start_time'].some((key) => keys.has(key))),
  },
];

const CANONICAL_SHAPES = 'canonical usage events (JSON or CSV with `timestamp`, `model` and token fields)';

/** Records read from a JSON document's start to judge its format: enough to pass empty buckets. */
const MAX_DETECTION_ROWS = 50;

/** Whether enough text has been read to detect: a CSV header, a JSON line, or a telling document record. */
export function hasEnoughToDetect(head: string): boolean {
  return quickVerdict(head) ?? documentRows(head).some(isTelling);
}

/**
 * `hasEnoughToDetect` for one file's look-ahead, which grows chunk by chunk and is asked after each:
 * a JSON document's text is scanned once, not again with every chunk.
 */
export function detectionProbe(): (head: string) => boolean {
  const document = new DocumentStart();
  return (head) => quickVerdict(head) ?? document.readTo(head).some(isTelling);
}

/** The verdict when the first line settles it (CSV, JSON Lines, nothing yet); undefined for a JSON document. */
function quickVerdict(head: string): boolean | undefined {
  const visible = head.search(/\S/);
  if (visible === -1) {
    return false;
  }
  const line = firstNonBlankLine(head, false);
  if (!isJsonStart(head.charAt(visible))) {
    return line !== undefined;
  }
  return line !== undefined && looksLikeJsonLines(line) ? true : undefined;
}

/** The layout of the text, from its first non-blank line. */
export function detectLayout(head: string): TextLayout {
  const line = firstNonBlankLine(head, true) ?? '';
  if (!isJsonStart(line)) {
    return { container: 'csv', delimiter: sniffDelimiter(line) };
  }
  return { container: looksLikeJsonLines(line) ? 'jsonl' : 'json-document', delimiter: ',' };
}

/** The format of the text; throws a 400 `AppError` naming the expected shapes when it is not clear. */
export function detectFormat(head: string, layout: TextLayout): ResolvedFormat {
  refuseBinary(head);
  refuseCostExport(head);
  const keys = sourceKeys(head, layout);
  const candidates = SIGNATURES.filter((signature) => signature.matches(keys)).map((s) => s.format);
  if (candidates.length === 0 && isCanonical(keys, layout.container)) {
    candidates.push(layout.container === 'csv' ? 'csv' : 'canonical');
  }
  if (candidates.length === 1) {
    return candidates[0] as ResolvedFormat;
  }
  throw undetected(keys, candidates);
}

/** A whole JSON document (the head holds all of it) whose row arrays are empty: `{data: []}`, `[]`. */
export function isEmptyDocument(head: string): boolean {
  const scanner = documentScanner();
  try {
    const rows = [...scanner.push(head), ...scanner.end()];
    return rows.length === 0 && (scanner.rowArrays > 0 || head.trimStart().startsWith('['));
  } catch (error) {
    if (error instanceof JsonDocumentError) {
      return false;
    }
    throw error;
  }
}

/** A ZIP (an Excel workbook is one) or any file with NUL characters is not a text export. */
function refuseBinary(head: string): void {
  const start = head.slice(0, 4096);
  if (!start.startsWith('PK\u0003\u0004') && !start.includes('\u0000')) {
    return;
  }
  throw new AppError(
    400,
    'ingestion_format_undetected',
    'This file is not text: a ZIP archive, an Excel workbook (.xlsx) or another binary file. Export the ' +
      `sheet as CSV (or unzip the export) and upload that. Expected one of: ${expectedShapes()}.`,
    { details: { candidates: [], fields: [] } },
  );
}

function isJsonStart(text: string): boolean {
  return text.startsWith('{') || text.startsWith('[');
}

function isCanonical(keys: SourceKeys, container: Container): boolean {
  const known = [...keys].every((key) => CANONICAL_FIELDS.has(key));
  return keys.has('timestamp') && (container === 'csv' ? known && keys.has('model') : known);
}

function sourceKeys(head: string, layout: TextLayout): Set<string> {
  if (layout.container === 'csv') {
    return new Set(csvCells(firstNonBlankLine(head, true) ?? '', layout.delimiter));
  }
  if (layout.container === 'jsonl') {
    const keys = new Set<string>();
    addKeys(keys, JSON.parse(firstNonBlankLine(head, true) ?? 'null') as unknown);
    return keys;
  }
  const { rows, rootKeys } = documentStart(head);
  const keys = new Set<string>();
  for (const row of rows) {
    addKeys(keys, row);
  }
  return rows.length > 0 ? keys : new Set(rootKeys);
}

/** A row's keys, the keys of its `results` (usage-report buckets, one level) and its typed `object` names. */
function addKeys(keys: Set<string>, row: unknown, nested = false): void {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    return;
  }
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    keys.add(key);
  }
  if (typeof record.object === 'string') {
    keys.add(`object:${record.object}`);
  }
  if (Array.isArray(record.results) && !nested) {
    for (const result of record.results.slice(0, MAX_DETECTION_ROWS)) {
      addKeys(keys, result, true);
    }
  }
}

/** The records at the start of a JSON document (parsed), as far as the head holds them. */
function documentRows(head: string): readonly unknown[] {
  return new DocumentStart().readTo(head);
}

/**
 * The first records of a JSON document, and the top-level keys of its root object: when the first
 * record is longer than the look-ahead (a trace download whose trace holds a long input, a logging
 * payload with a long prompt), those keys are all detection has.
 */
function documentStart(head: string): { rows: readonly unknown[]; rootKeys: ReadonlySet<string> } {
  const start = new DocumentStart();
  const rows = start.readTo(head);
  return { rows, rootKeys: start.rootKeys };
}

/** The start of a JSON document, read as the look-ahead grows; where it breaks, what came before counts. */
class DocumentStart {
  private readonly scanner = documentScanner();
  private readonly rows: unknown[] = [];
  private scanned = 0;
  private broken = false;

  get rootKeys(): ReadonlySet<string> {
    return this.scanner.rootKeys;
  }

  /** The first records, scanning only the text added to `head` since the last call. */
  readTo(head: string): readonly unknown[] {
    if (!this.broken && this.rows.length < MAX_DETECTION_ROWS) {
      try {
        const found = this.scanner.push(head.slice(this.scanned));
        this.rows.push(...found.slice(0, MAX_DETECTION_ROWS - this.rows.length).flatMap(parsedOrNothing));
      } catch (error) {
        if (!(error instanceof JsonDocumentError)) {
          throw error;
        }
        this.broken = true;
      }
    }
    this.scanned = head.length;
    return this.rows;
  }
}

function parsedOrNothing(element: { text: string }): unknown[] {
  try {
    return [JSON.parse(element.text) as unknown];
  } catch {
    return [];
  }
}

/** A usage-report bucket of a quiet hour or day (`results: []`) tells nothing about the report's kind. */
function isTelling(row: unknown): boolean {
  const results = (row as { results?: unknown } | null)?.results;
  return !Array.isArray(results) || results.length > 0;
}

/**
 * The delimiter that splits the header into the most cells (outside quotes). Ties go to the tab
 * (column names never hold one), then the comma; a single column reads as comma-separated.
 */
export function sniffDelimiter(header: string): CsvDelimiter {
  const candidates: CsvDelimiter[] = ['\t', ',', ';'];
  const counts = candidates.map((delimiter) => csvCells(header, delimiter).length);
  const best = Math.max(...counts);
  return best > 1 ? (candidates[counts.indexOf(best)] ?? ',') : ',';
}

/** The cells of one CSV line: quoted cells may hold the delimiter, and `""` is a quote. */
function csvCells(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (char === '"' && quoted && line[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  return [...cells, cell.trim()];
}

/** The shapes a file may have, for the refusal: every signature's, then the canonical one. */
export function expectedShapes(): string {
  return [...SIGNATURES.map((signature) => signature.shapes), CANONICAL_SHAPES].join('; ');
}

function undetected(keys: SourceKeys, candidates: readonly ResolvedFormat[]): AppError {
  const fields = [...keys].filter((key) => !key.startsWith('object:'));
  const why =
    candidates.length > 1
      ? `its fields fit more than one export (${candidates.join(', ')})`
      : fields.length === 0
        ? 'it holds no records (no JSON object, no CSV header)'
        : `no known export has these fields (${fields.slice(0, 12).join(', ')})`;
  return new AppError(
    400,
    'ingestion_format_undetected',
    `Could not tell this file's format: ${why}. Expected one of: ${expectedShapes()}. ` +
      'JSON may be an array, a page ({data: […]}), a single object or JSON Lines; CSV may be comma-, ' +
      'tab- or semicolon-separated. Otherwise pass `format` (with a column `map` for other CSVs).',
    { details: { candidates, fields: fields.slice(0, 50) } },
  );
}
