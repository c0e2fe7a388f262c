/**
 * The usage-file readers against hostile input: values nested deep enough to exhaust any recursion,
 * keys that name Object's own members, and files whose size, lines or rows pass the upload limits.
 * @module
 */
import { isAppError } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import type { ReadUsageFileOptions, UsageFileInput } from './file-format.types.js';
import type { FileLimits } from './file-limits.js';
import { MAX_PEEK_CHARS } from './text-source.js';
import { chunksOf, errorsOf, readAll, recordsOf } from './test-support.js';
import { describe as describeValue, jsonText, MAX_JSON_DEPTH, putMetadata } from './value-readers.js';

const TIME = '2025-06-03T10:00:00.000Z';
const DEEP = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
const deepValue = () => JSON.parse(DEEP) as unknown;

async function failureOf(input: string | UsageFileInput, options: ReadUsageFileOptions): Promise<unknown> {
  try {
    await readAll(typeof input === 'string' ? [input] : input, options);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('values nested deeper than any reader walks', () => {
  it('refuse their row, naming the field, in every place a nested value is written out as text', async () => {
    const lines = [
      `{"timestamp":"${TIME}","model":"m","metadata":{"a":${DEEP}}}`,
      `{"timestamp":"${TIME}","model":"m","metadata":{"b":[${DEEP}]}}`,
      `{"timestamp":"${TIME}","model":"m","tags":[${DEEP}]}`,
      `{"timestamp":"${TIME}","model":"m","stream":${DEEP}}`,
      `{"timestamp":${DEEP},"model":"m"}`,
      `{"timestamp":"${TIME}","model":"ok"}`,
    ];
    const { rows } = await readAll([lines.join('\n')], { format: 'canonical' });
    expect(errorsOf(rows)).toEqual([
      '1: metadata.a',
      '2: metadata.b',
      '3: tags',
      '4: stream',
      '5: timestamp',
    ]);
    expect(recordsOf(rows)).toEqual([expect.objectContaining({ model: 'ok' })]);
  });

  it('refuse the row of the other formats too (LiteLLM tags, OpenAI group keys)', async () => {
    const litellm = `{"request_id":"r1","call_type":"completion","model":"gpt-4o","startTime":"${TIME}","request_tags":[${DEEP}]}`;
    expect(errorsOf((await readAll([litellm], { format: 'litellm' })).rows)).toEqual(['1: request_tags']);
    const openai = `{"object":"bucket","start_time":1748736000,"results":[{"object":"x","model":"gpt-4o","num_model_requests":1,"project_id":${DEEP}}]}`;
    expect(errorsOf((await readAll([openai], { format: 'openai' })).rows)).toEqual(['1: row']);
  });

  it('are described without being walked, and written out up to the depth limit', () => {
    expect(describeValue(deepValue())).toBe('a deeply nested value');
    expect(() => jsonText(deepValue(), 'f')).toThrow(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    const atLimit = JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`) as unknown;
    expect(jsonText(atLimit, 'f')).toHaveLength(2 * MAX_JSON_DEPTH);
  });
});

describe("keys naming Object's own members", () => {
  it('map CSV columns named constructor, __proto__ and prototype like any other', async () => {
    const csv = `__proto__,constructor,prototype,toString,ts\ngpt-4o,c,p,t,${TIME}\n`;
    // As the route's query parser builds it: prototype-less, `__proto__` an own key (computed, not a literal's prototype).
    const map = Object.assign(Object.create(null) as Record<string, string>, {
      ['__proto__']: 'model',
      constructor: 'metadata.constructor',
      prototype: 'metadata.prototype',
      ts: 'timestamp',
    });
    const { rows } = await readAll([csv], { format: 'csv', map });
    expect(errorsOf(rows)).toEqual([]);
    expect(recordsOf(rows)).toEqual([
      { model: 'gpt-4o', timestamp: TIME, metadata: { constructor: 'c', prototype: 'p' } },
    ]);
  });

  it('ignore unmapped columns with those names, whatever other columns are mapped', async () => {
    const csv = `model,constructor,__proto__,hasOwnProperty,at\ngpt-4o,1,2,3,${TIME}\n`;
    const { rows } = await readAll([csv], { format: 'csv', map: { at: 'timestamp' } });
    expect(recordsOf(rows)).toEqual([{ model: 'gpt-4o', timestamp: TIME }]);
  });

  it('refuse a metadata key __proto__, which cannot be an ordinary key of an object', () => {
    const metadata: Record<string, string> = {};
    expect(() => {
      putMetadata(metadata, '__proto__', 'x');
    }).toThrow('is not allowed as a metadata key');
    putMetadata(metadata, 'constructor', 'kept');
    expect(metadata).toEqual({ constructor: 'kept' });
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  });
});

describe('upload limits', () => {
  const row = (index: number) => `{"timestamp":"${TIME}","model":"m","input_tokens":${index}}`;
  const limited = (limits: Partial<FileLimits>): ReadUsageFileOptions => ({
    format: 'auto',
    limits: { bytes: Infinity, lines: Infinity, rows: Infinity, ...limits },
  });

  it('stop a file larger than the byte limit with 413 file_too_large', async () => {
    const file = `${row(1)}\n${row(2)}\n`;
    const error = await failureOf(file, limited({ bytes: file.length - 1 }));
    expect(isAppError(error) && [error.status, error.code, error.details]).toEqual([
      413,
      'file_too_large',
      { limit_bytes: file.length - 1 },
    ]);
    expect(await failureOf(file, limited({ bytes: file.length }))).toBeUndefined();
  });

  it('count blank lines against the line limit (413 file_too_many_lines)', async () => {
    const file = `${row(1)}\n${'\n'.repeat(10)}${row(2)}\n`;
    const error = await failureOf(file, limited({ lines: 11 }));
    expect(isAppError(error) && [error.status, error.code, error.details]).toEqual([
      413,
      'file_too_many_lines',
      { limit_lines: 11 },
    ]);
    expect(await failureOf(file, limited({ lines: 12 }))).toBeUndefined();
  });

  it('stop at the row limit, also for a JSON document with more rows than lines (413 file_too_many_rows)', async () => {
    const document = `[\n${row(1)},${row(2)},${row(3)}\n]`;
    const error = await failureOf(document, limited({ rows: 2, lines: 2 }));
    expect(isAppError(error) && [error.status, error.code, error.details]).toEqual([
      413,
      'file_too_many_rows',
      { limit_rows: 2 },
    ]);
    expect(await failureOf(document, limited({ rows: 3, lines: 2 }))).toBeUndefined();
  });

  it('refuse a file that starts with more blank text than detection reads, rather than calling it empty', async () => {
    const file = Buffer.from(`${'\n'.repeat(MAX_PEEK_CHARS + 1)}${row(1)}\n`);
    const error = await failureOf(chunksOf(file, 64 * 1024), { format: 'auto' });
    expect(isAppError(error) && [error.status, error.code]).toEqual([400, 'ingestion_file_blank_start']);
    // Blank lines alone, ending within the look-ahead, are just an empty file.
    expect((await readAll(['\n\n \r\n'], { format: 'auto' })).rows).toEqual([]);
  });
});
