/**
 * Streaming line splitter for JSON Lines: yields each line with its 1-based number, never holding
 * more than one line (and at most `MAX_LINE_CHARS` of it) in memory. Empty lines (a lone `\r`
 * included) are counted but not yielded: JSON Lines ignores them, and a yield per line is what makes
 * a run of millions of them expensive.
 * @module
 */

/** One JSONL line; `text` is undefined when the line was longer than `MAX_LINE_CHARS`. */
export interface TextLine {
  line: number;
  text: string | undefined;
}

/** A JSONL line longer than this (64 MiB) is reported as an error instead of being buffered. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** Splits text chunks into lines (`\n` or `\r\n`), numbering them from 1. */
export async function* splitLines(
  chunks: AsyncIterable<string>,
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<TextLine> {
  const state = { pending: '', overflow: false, line: 1 };
  for await (const chunk of chunks) {
    yield* linesOfChunk(chunk, state, maxLineChars);
  }
  if (state.overflow || state.pending.length > 0) {
    yield { line: state.line, text: state.overflow ? undefined : stripCr(state.pending) };
  }
}

interface SplitState {
  /** The start of the current line, read from earlier chunks. */
  pending: string;
  /** The current line is already too long: its text is dropped up to the next line break. */
  overflow: boolean;
  line: number;
}

function* linesOfChunk(chunk: string, state: SplitState, maxLineChars: number): Generator<TextLine> {
  let start = 0;
  for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
    const tooLong = state.overflow || state.pending.length + (end - start) > maxLineChars;
    if (tooLong || !isEmptyLine(state.pending, chunk, start, end)) {
      yield {
        line: state.line,
        text: tooLong ? undefined : stripCr(state.pending + chunk.slice(start, end)),
      };
    }
    state.line += 1;
    state.pending = '';
    state.overflow = false;
    start = end + 1;
  }
  if (!state.overflow) {
    state.pending += chunk.slice(start);
    state.overflow = state.pending.length > maxLineChars;
    state.pending = state.overflow ? '' : state.pending;
  }
}

/** The line `pending + chunk[start, end)` is empty or a lone carriage return (without building it). */
function isEmptyLine(pending: string, chunk: string, start: number, end: number): boolean {
  const length = pending.length + end - start;
  if (length === 0) {
    return true;
  }
  return length === 1 && (pending === '\r' || (pending === '' && chunk.charCodeAt(start) === 0x0d));
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
