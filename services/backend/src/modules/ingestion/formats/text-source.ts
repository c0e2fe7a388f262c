/**
 * Turns the reader's input (a stream or async iterable of Buffers/strings) into UTF-8 text chunks,
 * counting bytes as they are consumed, and lets the format detector look ahead without losing text.
 * @module
 */
import { StringDecoder } from 'node:string_decoder';
import type { FileProgress, UsageFileInput } from './file-format.types.js';
import {
  countLineBreaks,
  fileHasTooManyLines,
  fileTooLarge,
  NO_FILE_LIMITS,
  type FileLimits,
} from './file-limits.js';

/**
 * Decodes chunks as UTF-8; a character split across chunk boundaries is held back until complete.
 * A leading byte-order mark (spreadsheet exports often write one) is dropped. Bytes and lines are
 * counted here, before any parsing, so a file over its limits stops before costing more work.
 */
export async function* decodeText(
  input: UsageFileInput,
  progress: FileProgress,
  limits: FileLimits = NO_FILE_LIMITS,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    admit(bytes, progress, limits);
    let text = decoder.write(bytes);
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text.length > 0) {
      yield text;
    }
  }
  const rest = decoder.end();
  if (rest.length > 0) {
    yield rest;
  }
}

/** Counts a chunk against the limits; throws the 413 of the first one it passes. */
function admit(bytes: Buffer, progress: FileProgress, limits: FileLimits): void {
  progress.bytesRead += bytes.length;
  if (progress.bytesRead > limits.bytes) {
    throw fileTooLarge(limits.bytes);
  }
  progress.lines += countLineBreaks(bytes, limits.lines - progress.lines + 1);
  if (progress.lines > limits.lines) {
    throw fileHasTooManyLines(limits.lines);
  }
}

/** Text read ahead for detection, and the whole text again (the look-ahead first, then the rest). */
export interface PeekedText {
  head: string;
  /** The look-ahead holds the whole text. */
  ended: boolean;
  text: AsyncIterable<string>;
}

/** Detection never looks further than this; a first line longer than it is judged on its start. */
export const MAX_PEEK_CHARS = 1 << 20;

/**
 * Reads ahead until `enough(head)` holds, the look-ahead reaches `MAX_PEEK_CHARS`, or the text ends.
 * The returned `text` replays the look-ahead, so nothing is consumed twice or lost.
 */
export async function peekText(
  source: AsyncIterable<string>,
  enough: (head: string) => boolean,
): Promise<PeekedText> {
  const iterator = source[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (!enough(head) && head.length < MAX_PEEK_CHARS) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head += next.value;
  }
  return { head, ended, text: replay(head, iterator, ended) };
}

async function* replay(head: string, iterator: AsyncIterator<string>, done: boolean): AsyncGenerator<string> {
  try {
    if (head.length > 0) {
      yield head;
    }
    if (done) {
      return;
    }
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  } finally {
    // A reader that stops early must still release the input (close the file, free the socket).
    await iterator.return?.();
  }
}

/** The first line that is not blank (trimmed), or undefined when none is complete yet. */
export function firstNonBlankLine(head: string, complete: boolean): string | undefined {
  // One native scan for the first visible character (\S is exactly what trim() keeps): a head of
  // a million blank lines must not cost a million slices, and detection asks again after every chunk.
  const visible = head.search(/\S/);
  if (visible === -1) {
    return undefined;
  }
  const end = head.indexOf('\n', visible);
  if (end === -1 && !complete) {
    return undefined;
  }
  const start = head.lastIndexOf('\n', visible) + 1;
  return head.slice(start, end === -1 ? undefined : end).trim();
}
