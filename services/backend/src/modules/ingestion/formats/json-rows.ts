/**
 * Row sources for JSON input: JSON Lines (one value per line) and single JSON documents whose rows
 * sit in a root array or under `data` (the shape of the OpenAI and Anthropic usage APIs, Langfuse's
 * public API and most exports). Both stream: one line or one element is held at a time.
 * @module
 */
import type { SourceEvent } from './file-format.types.js';
import { JsonDocumentError, JsonElementScanner, type JsonElement } from './json-elements.js';
import { MAX_LINE_CHARS, splitLines } from './line-splitter.js';

/** Where the rows of a JSON document may sit: a root array, or the array under a root `data` key. */
export const DOCUMENT_ROW_PATHS: readonly (readonly string[])[] = [[], ['data']];

/** One parsed value per non-blank line; a line that is not JSON becomes an error for that line. */
export async function* jsonLineRows(text: AsyncIterable<string>): AsyncGenerator<SourceEvent> {
  for await (const { line, text: content } of splitLines(text)) {
    if (content === undefined) {
      yield { line, error: { field: 'line', reason: `longer than ${MAX_LINE_CHARS} characters` } };
    } else if (content.trim().length > 0) {
      yield parseJsonRow(line, content, false);
    }
  }
}

/**
 * One parsed value per element of the document's row array. A document that is not well-formed
 * ends the rows with an error at the line where that was noticed: nothing after it can be trusted.
 */
export async function* jsonDocumentRows(text: AsyncIterable<string>): AsyncGenerator<SourceEvent> {
  const scanner = new JsonElementScanner(DOCUMENT_ROW_PATHS);
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

/** Whether text that starts a JSON input is JSON Lines: its first non-blank line is a whole JSON value. */
export function looksLikeJsonLines(firstLine: string): boolean {
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}
