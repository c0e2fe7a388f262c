/**
 * Turns the reader's input (a stream or async iterable of Buffers/strings) into UTF-8 text chunks,
 * counting bytes as they are consumed, and lets the format detector look ahead without losing text.
 * @module
 */
import { StringDecoder } from 'node:string_decoder';
import type { FileProgress, UsageFileInput } from './file-format.types.js';

/**
 * Decodes chunks as UTF-8; a character split across chunk boundaries is held back until complete.
 * A leading byte-order mark (spreadsheet exports often write one) is dropped.
 */
export async function* decodeText(input: UsageFileInput, progress: FileProgress): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    progress.bytesRead += bytes.length;
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

/** Text read ahead for detection, and the whole text again (the look-ahead first, then the rest). */
export interface PeekedText {
  head: string;
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
  let done = false;
  while (!enough(head) && head.length < MAX_PEEK_CHARS) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    head += next.value;
  }
  return { head, text: replay(head, iterator, done) };
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

/** The first line that is not blank (without its line break), or undefined when none is complete yet. */
export function firstNonBlankLine(head: string, complete: boolean): string | undefined {
  let start = 0;
  while (start < head.length) {
    const end = head.indexOf('\n', start);
    if (end === -1) {
      const last = head.slice(start).trim();
      return complete && last.length > 0 ? last : undefined;
    }
    const line = head.slice(start, end).trim();
    if (line.length > 0) {
      return line;
    }
    start = end + 1;
  }
  return undefined;
}
