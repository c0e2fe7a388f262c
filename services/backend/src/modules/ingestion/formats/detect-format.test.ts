import { isAppError } from '@netra/shared';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  detectionProbe,
  detectLayout,
  expectedShapes,
  hasEnoughToDetect,
  sniffDelimiter,
} from './detect-format.js';
import { NO_USAGE_IN_FILE, type ReadUsageFileOptions } from './file-format.types.js';
import { chunksOf, fixtureBytes, readAll, recordsOf } from './test-support.js';
import { MAX_PEEK_CHARS } from './text-source.js';

const EVENT = { timestamp: '2025-01-01T00:00:00Z', model: 'gpt-4o', input_tokens: 10, output_tokens: 2 };
const EVENTS = [EVENT, { ...EVENT, input_tokens: 20 }];

/** The LiteLLM spend-log rows of the JSON fixture, for re-shaping into other containers. */
function spendLogs(): unknown[] {
  return JSON.parse(fixtureBytes('litellm-spend-logs.json').toString()) as unknown[];
}

function payload(): Record<string, unknown> {
  return JSON.parse(fixtureBytes('litellm-logging-payload.json').toString()) as Record<string, unknown>;
}

async function read(text: string | Buffer, options: Partial<ReadUsageFileOptions> = {}) {
  return readAll([typeof text === 'string' ? Buffer.from(text) : text], { format: 'auto', ...options });
}

async function refusal(text: string): Promise<Error> {
  try {
    await read(text);
  } catch (error) {
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'ingestion_format_undetected' });
    return error as Error;
  }
  throw new Error('the file was not refused');
}

describe('format detection: JSON documents on one line and pretty', () => {
  it('reads a one-line array (JSON.stringify) as a document, not as one bad JSON line', async () => {
    const { rows, progress } = await read(JSON.stringify(EVENTS));
    expect(progress.format).toBe('canonical');
    expect(recordsOf(rows).map((record) => record.input_tokens)).toEqual([10, 20]);
  });

  it('reads a one-line API page with its paging keys ({data, has_more, next_page})', async () => {
    const page = { object: 'list', data: spendLogs(), has_more: false, next_page: null };
    const { rows, progress } = await read(`${JSON.stringify(page)}\n`);
    expect(progress.format).toBe('litellm');
    expect(recordsOf(rows)).toHaveLength(3);
  });

  it('reads a single object, compact (json.dump) or pretty-printed', async () => {
    for (const text of [JSON.stringify(payload()), JSON.stringify(payload(), null, 2)]) {
      const { rows, progress } = await read(text);
      expect(progress.format).toBe('litellm');
      expect(recordsOf(rows)).toHaveLength(1);
      expect(rows[0]?.line).toBe(1);
    }
  });

  it('reads pages appended one after the other (curl >> file), compact or pretty', async () => {
    const [first, second, third] = spendLogs();
    const pages = [
      { data: [first], has_more: true },
      { data: [second, third], has_more: false },
    ];
    for (const text of [
      pages.map((page) => JSON.stringify(page)).join('\n'),
      pages.map((p) => JSON.stringify(p, null, 2)).join('\n'),
    ]) {
      const { rows, progress } = await read(text);
      expect(progress.format).toBe('litellm');
      expect(recordsOf(rows)).toHaveLength(3);
    }
  });

  it('reads pretty objects written one after the other', async () => {
    const text = EVENTS.map((event) => JSON.stringify(event, null, 2)).join('\n');
    const { rows } = await read(text);
    expect(rows.map((row) => row.line)).toEqual([1, 7]);
  });

  it('reads the observations of a Langfuse trace download ({trace, observations}) and of {observations, scores}', async () => {
    const download = fixtureBytes('langfuse-trace-download.json');
    const { progress } = await read(download);
    expect(progress.format).toBe('langfuse');
    expect(progress.records).toBe(2);
    const { observations } = JSON.parse(download.toString()) as { observations: unknown[] };
    const newer = await read(JSON.stringify({ observations, scores: [] }));
    expect(newer.progress).toMatchObject({ format: 'langfuse', records: 2 });
  });

  it('judges a usage report by the first bucket that has results, past quiet days', async () => {
    const page = JSON.parse(fixtureBytes('openai-usage-page.json').toString()) as { data: unknown[] };
    const quiet = { object: 'bucket', start_time: 1730332800, end_time: 1730419200, results: [] };
    const text = JSON.stringify({ ...page, data: [quiet, quiet, ...page.data] }, null, 2);
    expect(hasEnoughToDetect(text.slice(0, text.indexOf('"results": [\n')))).toBe(false);
    const { progress } = await read(text);
    expect(progress.format).toBe('openai');
  });

  it('tells LiteLLM logging payloads from Langfuse observations though both carry trace_id and startTime', async () => {
    const { rows, progress } = await read(JSON.stringify([payload(), { ...payload(), id: 'second' }]));
    expect(progress.format).toBe('litellm');
    expect(recordsOf(rows)[0]).toMatchObject({ input_tokens: 1500, timestamp: '2025-05-06T09:15:02.123Z' });
  });

  it('reads the same records whatever the chunk boundaries', async () => {
    const bytes = Buffer.from(
      JSON.stringify(JSON.parse(fixtureBytes('langfuse-trace-download.json').toString())),
    );
    const whole = await read(bytes);
    const split = await readAll(chunksOf(bytes, 7), { format: 'auto' });
    expect(split.rows).toEqual(whole.rows);
    expect(whole.rows).toHaveLength(2);
  });
});

describe('format detection: a first record longer than the look-ahead', () => {
  const long = 'x'.repeat(MAX_PEEK_CHARS + 10);

  it('judges a trace download whose trace holds a long input by its root keys', async () => {
    const download = JSON.parse(fixtureBytes('langfuse-trace-download.json').toString()) as Record<
      string,
      unknown
    >;
    const text = JSON.stringify(
      { trace: { id: 't', input: long }, observations: download.observations },
      null,
      2,
    );
    const { progress } = await read(text);
    expect(progress).toMatchObject({ format: 'langfuse', records: 2 });
  });

  it('judges a logging payload with a long prompt by its first keys', async () => {
    const { rows, progress } = await read(
      JSON.stringify({ ...payload(), messages: [{ role: 'user', content: long }] }, null, 2),
    );
    expect(progress.format).toBe('litellm');
    expect(recordsOf(rows)).toHaveLength(1);
  });
});

describe('format detection: CSV and TSV', () => {
  const csv = fixtureBytes('litellm-spend-logs.csv').toString();

  it('sniffs the delimiter from the header, quotes respected', () => {
    expect(sniffDelimiter('a,b,c')).toBe(',');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"a,1";"b,2";c')).toBe(';');
    expect(sniffDelimiter('single')).toBe(',');
    expect(sniffDelimiter('model\tinput,tokens')).toBe('\t');
    expect(sniffDelimiter('a;b,c')).toBe(',');
    expect(detectLayout('model\tinput_tokens\n')).toEqual({ container: 'csv', delimiter: '\t' });
  });

  it('reads a TSV export to the same records as its CSV', async () => {
    const cells: string[][] = parse(csv, { relax_column_count: true });
    const tsv = cells.map((row) =>
      row.map((cell) => (/[\t\n"]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join('\t'),
    );
    const fromCsv = await read(csv);
    const fromTsv = await read(`${tsv.join('\n')}\n`);
    expect(fromTsv.progress.format).toBe('litellm');
    expect(recordsOf(fromTsv.rows)).toEqual(recordsOf(fromCsv.rows));
    expect(recordsOf(fromTsv.rows).length).toBeGreaterThan(3);
  });

  it('reads semicolon-separated CSV with quoted cells holding the delimiter', async () => {
    const text = 'timestamp;model;feature;input_tokens\n2025-01-01T00:00:00Z;gpt-4o;"a;b";7\n';
    const { rows, progress } = await read(text);
    expect(progress.format).toBe('csv');
    expect(recordsOf(rows)[0]).toMatchObject({ feature: 'a;b', input_tokens: 7 });
  });

  it('detects a header whose column names are quoted', async () => {
    const { progress } = await read('"timestamp","model","input_tokens"\n"2025-01-01T00:00:00Z","m","1"\n');
    expect(progress.format).toBe('csv');
  });
});

describe('files with no usage', () => {
  const noUsage = (why: string) => ({ [`${NO_USAGE_IN_FILE}: ${why}`]: 1 });

  it('says a header-only CSV export holds no usage', async () => {
    const header = fixtureBytes('openai-usage.csv').toString().split('\n')[0] ?? '';
    const { rows, progress } = await read(`${header}\n`);
    expect(rows).toEqual([]);
    expect(progress).toMatchObject({ format: 'openai', rows: 0, records: 0 });
    expect(progress.skipped).toEqual(noUsage('it has a header and no rows'));
  });

  it.each([
    ['an empty page', '{"object": "page", "data": [], "has_more": false, "next_page": null}'],
    ['an empty pretty page', '{\n  "data": [],\n  "meta": {"page": 1, "totalItems": 0}\n}\n'],
    ['an empty array', '[]'],
    ['a trace download without observations', '{"trace": {"id": "t"}, "observations": []}'],
  ])('says %s holds no usage', async (_name, text) => {
    const { rows, progress } = await read(text);
    expect(rows).toEqual([]);
    expect(progress.format).toBeUndefined();
    expect(progress.skipped).toEqual(noUsage('its JSON holds no records (an empty page or array)'));
  });

  it('says so for an empty page of a given format too, and for an empty file', async () => {
    const { progress } = await read('{"data": []}', { format: 'langfuse' });
    expect(progress.skipped).toEqual(noUsage('its JSON holds no records (an empty page or array)'));
    const empty = await read('\n\n');
    expect(empty.progress.skipped).toEqual(noUsage('the file is empty'));
  });
});

describe('refusal when nothing fits', () => {
  it('names the expected shapes, the fields seen, and the way out', async () => {
    const error = await refusal('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03,10,2\n');
    expect(error.message).toBe(
      "Could not tell this file's format: no known export has these fields (TIMESTAMP, ContextTokens, " +
        `GeneratedTokens). Expected one of: ${expectedShapes()}. JSON may be an array, a page ({data: […]}), ` +
        'a single object or JSON Lines; CSV may be comma-, tab- or semicolon-separated. Otherwise pass ' +
        '`format` (with a column `map` for other CSVs).',
    );
    for (const shape of [
      'OpenAI usage',
      'Anthropic usage',
      'LiteLLM',
      'Langfuse',
      'canonical usage events',
    ]) {
      expect(error.message).toContain(shape);
    }
  });

  it('refuses an unknown JSON object, pretty or compact', async () => {
    for (const text of ['{"foo": 1, "bar": [1]}', '{\n  "foo": 1\n}']) {
      expect((await refusal(text)).message).toMatch(/no known export has these fields \(foo/);
    }
  });

  it('refuses JSON that holds no objects', async () => {
    expect((await refusal('[1, 2, 3]')).message).toMatch(/it holds no records/);
    expect((await refusal('[[1], [2]]\n')).message).toMatch(/it holds no records/);
  });

  it('refuses a row that fits two exports, naming both', async () => {
    const row = { request_id: 'r1', call_type: 'acompletion', num_model_requests: 1, start_time: 1 };
    expect((await refusal(`${JSON.stringify(row)}\n`)).message).toMatch(
      /fit more than one export \(openai, litellm\)/,
    );
  });
});

describe('cost exports are not usage', () => {
  it.each(['openai-costs-page.json', 'anthropic-cost-report.json', 'openai-costs.csv'])(
    'refuses %s as usage instead of skipping its buckets as empty',
    async (name) => {
      await expect(read(fixtureBytes(name))).rejects.toMatchObject({
        status: 400,
        code: 'ingestion_cost_export',
      });
    },
  );
});

describe('hostile detection input', () => {
  it('refuses deeply nested results without walking them', async () => {
    const depth = 50_000;
    const text = `${'{"results":['.repeat(depth)}${']}'.repeat(depth)}\n`;
    expect((await refusal(text)).message).toMatch(/no known export has these fields \(results\)/);
  });
});

describe('JSON Lines holding pages', () => {
  it('reads the records of a line that holds an array or a page, at that line', async () => {
    const [first, second, third] = JSON.parse(
      fixtureBytes('litellm-spend-logs.json').toString(),
    ) as unknown[];
    const text = `${JSON.stringify(first)}\n${JSON.stringify({ data: [second], has_more: true })}\n${JSON.stringify([third])}\n`;
    const { rows, progress } = await read(text);
    expect(progress.format).toBe('litellm');
    expect(rows.map((row) => [row.line, row.record?.event_id])).toEqual([
      [1, 'litellm:chatcmpl-9f1c2a'],
      [2, 'litellm:msg_01XFDUDYJgAACzvnptvVoYEL'],
      [3, expect.stringMatching(/^litellm:/)],
    ]);
  });
});

describe('binary files', () => {
  it.each([
    ['an Excel workbook (a ZIP)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x0a])],
    ['a file with NUL bytes', Buffer.from('model,input\u0000tokens\n')],
  ])('refuses %s as not text, saying to export CSV', async (_name, bytes) => {
    await expect(read(bytes)).rejects.toMatchObject({
      status: 400,
      code: 'ingestion_format_undetected',
      message: expect.stringMatching(/^This file is not text: .*Export the sheet as CSV/) as unknown,
    });
  });
});

describe('detectionProbe', () => {
  it('answers as hasEnoughToDetect does, chunk by chunk', () => {
    const page = JSON.parse(fixtureBytes('openai-usage-page.json').toString()) as { data: unknown[] };
    const quiet = { object: 'bucket', start_time: 1730332800, end_time: 1730419200, results: [] };
    const texts = [
      JSON.stringify({ ...page, data: [quiet, ...page.data] }, null, 2),
      'timestamp,model\n2025-01-01T00:00:00Z,m\n',
      `${JSON.stringify(EVENT)}\n`,
      '[{"a": 1}, {"b": ]',
      '\n\n  ',
    ];
    for (const text of texts) {
      const probe = detectionProbe();
      for (let end = 1; end <= text.length; end += 5) {
        expect(probe(text.slice(0, end))).toBe(hasEnoughToDetect(text.slice(0, end)));
      }
    }
  });
});
