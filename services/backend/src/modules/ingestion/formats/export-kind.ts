/**
 * Looks at the start of an upload to tell a cost export from a usage file before either reader
 * consumes it. Only the raw chunks of the look-ahead are held; the returned input replays them and
 * then the rest, so nothing is read twice or lost.
 * @module
 */
import { StringDecoder } from 'node:string_decoder';
import type { CostFileFormat } from './billed-cost.types.js';
import { detectCostFormat } from './cost-detect.js';
import { detectionProbe } from './detect-format.js';
import type { UsageFileInput } from './file-format.types.js';
import { MAX_PEEK_CHARS } from './text-source.js';

/** The kind of the upload and the input, whole again. */
export interface SniffedExport {
  /** The cost export format when the file is one, otherwise undefined (a usage file, or unreadable). */
  costFormat: CostFileFormat | undefined;
  input: AsyncIterable<Buffer | string>;
}

/** Reads ahead as far as format detection would, and classifies the upload. */
export async function sniffExport(input: UsageFileInput): Promise<SniffedExport> {
  const iterator = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  const held: (Buffer | string)[] = [];
  let head = '';
  let ended = false;
  const enough = detectionProbe();
  while (!enough(head) && head.length < MAX_PEEK_CHARS) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    held.push(next.value);
    // A leading byte-order mark (spreadsheet exports write one) is dropped, as the readers drop it.
    head = (head + (typeof next.value === 'string' ? next.value : decoder.write(next.value))).replace(
      /^\uFEFF/,
      '',
    );
  }
  return { costFormat: detectCostFormat(head), input: replay(held, iterator, ended) };
}

async function* replay(
  held: readonly (Buffer | string)[],
  iterator: AsyncIterator<Buffer | string>,
  ended: boolean,
): AsyncGenerator<Buffer | string> {
  try {
    yield* held;
    if (ended) {
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
