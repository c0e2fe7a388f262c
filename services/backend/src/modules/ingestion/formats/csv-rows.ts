/**
 * Row source for CSV input, on `csv-parse` (streaming, RFC 4180 quoting). The first line is the
 * header; each data row becomes an object keyed by column. Broken rows (a row with more or fewer
 * cells than the header, an over-long row) are reported at their line and reading goes on. A quote
 * that is opened and never closed makes the rest of the file one cell (CSV cannot tell where it
 * should end): that is reported once, at the line where the input ended.
 * @module
 */
import { pipeline, Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { SourceEvent } from './file-format.types.js';

interface ParsedRecord {
  record: Record<string, string>;
  raw: string;
  info: { lines: number; columns?: unknown; error?: CsvError };
}

/** Exports with prompt text in a cell (Langfuse, LiteLLM) have long rows; beyond this a row is refused. */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

/**
 * One row object per CSV data row, in file order, with the line each row starts on. `delimiter` is
 * the one sniffed from the header (spreadsheets write tabs or semicolons as well as commas).
 */
export async function* csvRows(text: AsyncIterable<string>, delimiter = ','): AsyncGenerator<SourceEvent> {
  const skipped: SourceEvent[] = [];
  // pipeline, not pipe: an input that fails must fail the rows, and rows abandoned early must close the input.
  const parser = pipeline(Readable.from(text), createParser(delimiter), () => undefined);
  // Rows csv-parse could not read are announced as they are met, ahead of the rows after them.
  parser.on('skip', (error: CsvError) => {
    const line = typeof error.lines === 'number' ? error.lines : 0;
    skipped.push({ line, error: { field: 'line', reason: error.message } });
  });
  for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
    const line = startLine(parsed);
    yield* drainBefore(skipped, line);
    yield toEvent(parsed, line);
  }
  yield* drainBefore(skipped, Number.POSITIVE_INFINITY);
}

function createParser(delimiter: string): ReturnType<typeof parse> {
  return parse({
    delimiter,
    columns: true,
    info: true,
    raw: true,
    relax_column_count: true,
    // A stray quote inside a cell stays part of the value instead of swallowing the following rows.
    relax_quotes: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
  });
}

function* drainBefore(skipped: SourceEvent[], line: number): Generator<SourceEvent> {
  while (skipped.length > 0 && (skipped[0] as SourceEvent).line <= line) {
    yield skipped.shift() as SourceEvent;
  }
}

/** csv-parse counts the line a record ends on; a quoted cell may span several lines. */
function startLine(parsed: ParsedRecord): number {
  const breaks = parsed.raw.replace(/\r?\n$/, '').split('\n').length - 1;
  return parsed.info.lines - breaks;
}

function toEvent(parsed: ParsedRecord, line: number): SourceEvent {
  const columns = Array.isArray(parsed.info.columns) ? parsed.info.columns.length : 0;
  const error = parsed.info.error;
  if (error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && !onlyBlankExtraCells(error, columns)) {
    const cells = csvCells(error).length;
    return {
      line,
      error: { field: 'line', reason: `has ${cells} cells but the header has ${columns} columns` },
    };
  }
  return { line, value: parsed.record };
}

/** Spreadsheet exports pad some rows with empty trailing cells; those rows are whole. */
function onlyBlankExtraCells(error: CsvError, columns: number): boolean {
  const cells = csvCells(error);
  return cells.length > columns && cells.slice(columns).every((cell) => String(cell).trim() === '');
}

function csvCells(error: CsvError): unknown[] {
  const record = (error as CsvError & { record?: unknown }).record;
  return Array.isArray(record) ? record : [];
}
