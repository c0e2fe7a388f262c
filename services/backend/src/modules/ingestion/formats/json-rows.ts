/**
 * Row sources for JSON input: JSON Lines (one record per line) and JSON documents, pretty-printed or
 * on one line: a root array of records, a page whose records sit under `data` (the OpenAI and
 * Anthropic usage APIs, Langfuse's public API, most list endpoints), a Langfuse trace download
 * whose records sit under `observations`, or a record on its own (a logger's one-object file).
 * Several documents one after the other (pages appended with `curl >>`) are read in turn. Both
 * sources stream: one line or one element is held at a time.
 * @module
 */
import type { SourceEvent } from './file-format.types.js';
import { JsonDocumentError, JsonElementScanner, type JsonElement } from './json-elements.js';
import { MAX_LINE_CHARS, splitLines } from './line-splitter.js';

/** Root keys whose array holds the records: API pages (`data`) and Langfuse trace downloads (`observations`). */
export const ROW_ARRAY_KEYS: readonly string[] = ['data', 'observations'];

/** Where the rows of a JSON document may sit: a root array, or the array under one of `ROW_ARRAY_KEYS`. */
export const DOCUMENT_ROW_PATHS: readonly (readonly string[])[] = [[], ...ROW_ARRAY_KEYS.map((key) => [key])];

/** The scanner of JSON documents: records in row arrays, and root objects that hold none. */
export function documentScanner(): JsonElementScanner {
  return new JsonElementScanner(DOCUMENT_ROW_PATHS, { rootObjects: true });
}

/**
 * One parsed value per non-blank line; a line that is not JSON becomes an error for that line. A
 * line holding an array or a page (JSON Lines written by appending API answers) gives its records,
 * each at that line.
 */
export async function* jsonLineRows(text: AsyncIterable<string>): AsyncGenerator<SourceEvent> {
  for await (const { line, text: content } of splitLines(text)) {
    if (content === undefined) {
      yield { line, error: { field: 'line', reason: `longer than ${MAX_LINE_CHARS} characters` } };
    } else if (content.trim().length > 0) {
      yield* recordsOfLine(parseJsonRow(line, content, false));
    }
  }
}

function recordsOfLine(event: SourceEvent): SourceEvent[] {
  const records = 'error' in event ? undefined : rowArrayOf(event.value);
  return records === undefined ? [event] : records.map((record) => ({ line: event.line, value: record }));
}

/** The records a JSON value holds when it is an array or a page; undefined for a record. */
function rowArrayOf(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) {
    return value as unknown[];
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const rows = ROW_ARRAY_KEYS.map((key) => (value as Record<string, unknown>)[key]).find(Array.isArray);
  return rows as unknown[] | undefined;
}

/**
 * One parsed value per element of the document's row array. A document that is not well-formed
 * ends the rows with an error at the line where that was noticed: nothing after it can be trusted.
 */
export async function* jsonDocumentRows(text: AsyncIterable<string>): AsyncGenerator<SourceEvent> {
  const scanner = documentScanner();
  try {
    for await (const chunk of text) {
      yield* scanner.push(chunk).map(toRow);
    }
    yield* scanner.end().map(toRow);
  } catch (error) {
    if (!(error instanceof JsonDocumentError)) {
      throw error;
    }
    yield { line: error.line, error: { field: 'file', reason: error.message } };
  }
}

function toRow(element: JsonElement): SourceEvent {
  return parseJsonRow(element.line, element.text, true);
}

function parseJsonRow(line: number, text: string, keepText: boolean): SourceEvent {
  try {
    const value = JSON.parse(text) as unknown;
    return keepText ? { line, value, text } : { line, value };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { line, error: { field: 'line', reason: `not valid JSON (${reason})` } };
  }
}

/**
 * Whether text that starts a JSON input is JSON Lines: its first non-blank line is a whole JSON
 * object that is a record. A line holding an array or a page is a JSON document written on one line
 * (what `curl`, `json.dump` and `JSON.stringify` write), read by the document scanner.
 */
export function looksLikeJsonLines(firstLine: string): boolean {
  const value = parseOrUndefined(firstLine);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !holdsRowArray(value);
}

/** Whether the object is a page: one of `ROW_ARRAY_KEYS` holds an array. */
export function holdsRowArray(value: object): boolean {
  return ROW_ARRAY_KEYS.some((key) => Array.isArray((value as Record<string, unknown>)[key]));
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
