import { Readable } from 'node:stream';
import { isAppError } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import type { ReadUsageFileOptions } from './file-format.types.js';
import { readUsageFile } from './read-usage-file.js';
import { chunksAt, chunksOf, errorsOf, fixtureBytes, readAll, recordsOf } from './test-support.js';

const FIXTURES: [string, ReadUsageFileOptions['format']][] = [
  ['openai-usage-page.json', 'openai'],
  ['openai-usage-buckets.jsonl', 'openai'],
  ['openai-usage.csv', 'openai'],
  ['anthropic-usage-report.json', 'anthropic'],
  ['anthropic-console-usage.csv', 'anthropic'],
  ['litellm-spend-logs.csv', 'litellm'],
  ['litellm-spend-logs.json', 'litellm'],
  ['langfuse-observations.json', 'langfuse'],
  ['langfuse-observations.jsonl', 'langfuse'],
  ['langfuse-observations.csv', 'langfuse'],
  ['canonical-events.jsonl', 'canonical'],
];

async function detectionError(text: string): Promise<unknown> {
  try {
    await readAll([Buffer.from(text)], { format: 'auto' });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('readUsageFile: format detection', () => {
  it.each(FIXTURES)('detects %s as %s', async (name, format) => {
    const { progress } = await readAll([fixtureBytes(name)], { format: 'auto', model: 'fallback-model' });
    expect(progress.format).toBe(format);
  });

  it('asks for a format when the header matches no known export', async () => {
    const error = await detectionError('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03,10,2\n');
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Expected one of: OpenAI usage .*Otherwise pass `format`/);
  });

  it('takes a column map as the choice of the generic format (CSV) or canonical (JSON)', async () => {
    const map = { TIMESTAMP: 'timestamp', ContextTokens: 'input_tokens', GeneratedTokens: 'output_tokens' };
    const csv = 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03,10,2\n';
    const fromCsv = await readAll([Buffer.from(csv)], { format: 'auto', map, model: 'gpt-4o' });
    expect(fromCsv.progress.format).toBe('csv');
    expect(recordsOf(fromCsv.rows)[0]).toMatchObject({ input_tokens: 10, output_tokens: 2, model: 'gpt-4o' });
    const jsonl = `${JSON.stringify({ at: 1_700_000_000_000, in: 5 })}\n`;
    const fromJsonl = await readAll([Buffer.from(jsonl)], {
      format: 'auto',
      map: { at: 'timestamp', in: 'input_tokens' },
      model: 'gpt-4o',
    });
    expect(fromJsonl.progress.format).toBe('canonical');
    expect(recordsOf(fromJsonl.rows)[0]).toMatchObject({ input_tokens: 5 });
  });

  it('asks for a format when the first row fits more than one export', async () => {
    const row = { request_id: 'r1', call_type: 'acompletion', num_model_requests: 1, start_time: 1 };
    const error = await detectionError(`${JSON.stringify(row)}\n`);
    expect((error as Error).message).toMatch(/openai, litellm/);
  });

  it('asks for a format for JSON lines that are not canonical events', async () => {
    const error = await detectionError('{"timestamp": 0, "input_length": 5, "output_length": 1}\n');
    expect((error as Error).message).toMatch(/input_length/);
  });

  it('yields nothing for an empty or blank input', async () => {
    const { rows, progress } = await readAll([Buffer.from('\n  \n')], { format: 'auto' });
    expect(rows).toEqual([]);
    expect(progress.format).toBeUndefined();
  });
});

describe('readUsageFile: streaming', () => {
  it.each(FIXTURES)('reads %s the same whatever the chunk boundaries', async (name, format) => {
    const bytes = fixtureBytes(name);
    const options = { format, model: 'fallback-model' };
    const whole = await readAll([bytes], options);
    for (const size of [1, 2, 3, 7, 64]) {
      const split = await readAll(chunksOf(bytes, size), options);
      expect(split.rows).toEqual(whole.rows);
      expect(split.progress.bytesRead).toBe(bytes.length);
    }
  });

  it('rebuilds a multi-byte character split across chunks', async () => {
    const bytes = fixtureBytes('anthropic-console-usage.csv');
    const lessOrEqual = bytes.indexOf(Buffer.from('≤'));
    const robot = bytes.indexOf(Buffer.from('🤖'));
    const offsets = [lessOrEqual + 1, lessOrEqual + 2, robot + 1, robot + 3];
    const { rows } = await readAll(chunksAt(bytes, offsets), { format: 'auto' });
    const metadata = recordsOf(rows).map((record) => record.metadata as Record<string, string>);
    expect(metadata[0]?.context_window).toBe('≤ 200k');
    expect(metadata[2]?.api_key_name).toBe('Résumé Bot 🤖');
  });

  it('accepts a Node Readable and strings, and counts bytes and rows', async () => {
    const text = '{"timestamp":"2025-01-01T00:00:00Z","model":"m","input_tokens":1}\n'.repeat(3);
    const { rows, progress } = await readAll(Readable.from([text.slice(0, 10), text.slice(10)]), {
      format: 'canonical',
    });
    expect(rows).toHaveLength(3);
    expect(progress).toMatchObject({ bytesRead: text.length, rows: 3, records: 3, errors: 0 });
  });
});

describe('readUsageFile: input lifecycle', () => {
  async function* failing(text: string): AsyncGenerator<string> {
    await Promise.resolve();
    yield text;
    throw new Error('connection reset');
  }

  it.each([
    ['csv', 'timestamp,model\n2025-01-01T00:00:00Z,m\n'],
    ['canonical', '{"timestamp":"2025-01-01T00:00:00Z","model":"m"}\n'],
  ] as const)('fails (never hangs) when the %s input fails mid-way', async (format, text) => {
    await expect(readAll(failing(text), { format })).rejects.toThrow('connection reset');
  });

  it('releases the input when the caller stops early', async () => {
    let released = false;
    async function* endless(): AsyncGenerator<string> {
      try {
        for (;;) {
          await Promise.resolve();
          yield 'timestamp,model\n2025-01-01T00:00:00Z,m\n'.repeat(100);
        }
      } finally {
        released = true;
      }
    }
    for await (const row of readUsageFile(endless(), { format: 'csv' })) {
      expect(row.line).toBeGreaterThan(0);
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(true);
  });
});

describe('readUsageFile: malformed rows', () => {
  it('reports each bad JSON line with its line number and keeps the good ones', async () => {
    const { rows, progress } = await readAll([fixtureBytes('canonical-events.jsonl')], {
      format: 'canonical',
    });
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4, 5]);
    expect(errorsOf(rows)).toEqual(['4: line', '5: model']);
    expect(rows[2]?.error?.reason).toMatch(/not valid JSON/);
    expect(progress).toMatchObject({ rows: 4, records: 2, errors: 2 });
  });

  it('reports broken CSV rows (quoting, cell count) at their line and reads on', async () => {
    const csv =
      'timestamp,model,input_tokens\n2025-01-01T00:00:00Z,m,1\n2025-01-01T00:00:00Z,m\n"x"y,m,1\n2025-01-01T00:00:01Z,m,2\n';
    const { rows } = await readAll([Buffer.from(csv)], { format: 'csv' });
    expect(errorsOf(rows)).toEqual(['3: line', '4: timestamp']);
    expect(rows[1]?.error?.reason).toMatch(/2 cells but the header has 3 columns/);
    expect(recordsOf(rows).map((record) => record.input_tokens)).toEqual([1, 2]);
  });

  it('gives a multi-line quoted CSV row the line it starts on', async () => {
    const csv = 'timestamp,model,feature\n2025-01-01T00:00:00Z,m,"two\nlines"\n2025-01-01T00:00:00Z,,x\n';
    const { rows } = await readAll([Buffer.from(csv)], { format: 'csv' });
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(recordsOf(rows)[0]?.feature).toBe('two\nlines');
  });

  it('stops a JSON document at the point it breaks, after the rows before it', async () => {
    const json = '[\n{"timestamp":"2025-01-01T00:00:00Z","model":"m"},\n{"timestamp": ]\n';
    const { rows } = await readAll([Buffer.from(json)], { format: 'canonical' });
    expect(rows[0]?.record?.model).toBe('m');
    expect(errorsOf(rows)).toEqual(['3: file']);
  });
});

describe('readUsageFile: padded spreadsheet rows', () => {
  it('reads a row padded with empty trailing cells, and refuses one with extra values', async () => {
    const tsv =
      'timestamp\tmodel\tinput_tokens\n2025-01-01T00:00:00Z\tm\t1\t\t\n2025-01-01T00:00:00Z\tm\t2\tx\n';
    const { rows } = await readAll([Buffer.from(tsv)], { format: 'auto' });
    expect(recordsOf(rows).map((record) => record.input_tokens)).toEqual([1]);
    expect(rows[1]?.error).toEqual({ field: 'line', reason: 'has 4 cells but the header has 3 columns' });
  });
});
