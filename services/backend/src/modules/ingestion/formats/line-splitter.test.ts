import { describe, expect, it } from 'vitest';
import { splitLines } from './line-splitter.js';

async function lines(chunks: string[], max?: number): Promise<unknown[]> {
  async function* source(): AsyncGenerator<string> {
    for (const chunk of chunks) {
      await Promise.resolve();
      yield chunk;
    }
  }
  const found: unknown[] = [];
  for await (const line of splitLines(source(), max)) {
    found.push(line);
  }
  return found;
}

describe('splitLines', () => {
  it('numbers lines across chunk boundaries, with CRLF and no final newline', async () => {
    expect(await lines(['a\r', '\nb', 'c\n\nd'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'bc' },
      { line: 4, text: 'd' },
    ]);
  });

  it('counts empty lines (and lone carriage returns) without yielding them, across chunks', async () => {
    expect(await lines(['\n\r\n\r', '\n', 'x\n\n\n', ' \n', '\ry\r'])).toEqual([
      { line: 4, text: 'x' },
      { line: 7, text: ' ' },
      { line: 8, text: '\ry' },
    ]);
  });

  it('gets through a million empty lines without a yield each', async () => {
    const found = await lines(['a\n', '\n'.repeat(1_000_000), 'b']);
    expect(found).toEqual([
      { line: 1, text: 'a' },
      { line: 1_000_002, text: 'b' },
    ]);
  });

  it('reports an over-long line without buffering it, and goes on', async () => {
    expect(await lines(['12345', '678\nok\n'], 6)).toEqual([
      { line: 1, text: undefined },
      { line: 2, text: 'ok' },
    ]);
  });
});
