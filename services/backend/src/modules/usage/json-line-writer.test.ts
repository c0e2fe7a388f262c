import { describe, expect, it } from 'vitest';
import { encodeUsageRow, encodeUsageRows } from './usage-row-codec.js';
import { usageRow } from '#test-support/clickhouse-test-support.js';
import { JsonLineWriter } from './json-line-writer.js';

const CONTROL_CHARACTERS = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
const TRICKY_STRINGS = [
  '',
  'plain',
  'quote " and backslash \\ and slash /',
  CONTROL_CHARACTERS,
  '\u007f delete stays raw',
  'café, 日本語, emoji 🙂',
  'lone high \ud800 and lone low \udc00',
  'literal backslash-u: \\ud83d',
  'x'.repeat(127),
  'y'.repeat(128),
  `long ${'é'.repeat(300)}`,
];
const NUMBERS = [
  0,
  9,
  10,
  99,
  1_000_000,
  2 ** 31 - 1,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  0.1 + 0.2,
  1e-7,
  1e21,
  -0,
  -1.5,
  5e-324,
];

/** The UTF-8 of JSON.stringify's lines: what the writer must reproduce byte for byte. */
function reference(rows: Parameters<typeof encodeUsageRows>[0]): Buffer {
  return Buffer.from(rows.map((row) => `${encodeUsageRow(row)}\n`).join(''));
}

describe('encodeUsageRows', () => {
  it('writes exactly the bytes of the JSON.stringify lines for tricky strings', () => {
    const rows = TRICKY_STRINGS.map((text, index) =>
      usageRow({
        event_id: `evt-${index}-${text}`,
        model: text,
        prompt: text,
        prefix_hashes: [text, 'h'],
        tags: [text],
        metadata: { [text]: text, 2: 'integer-like keys first', b: 'then insertion order', a: '' },
      }),
    );
    const encoded = encodeUsageRows(rows);
    expect(encoded.equals(reference(rows))).toBe(true);
    // The lone surrogates were stored as U+FFFD, not as escapes ClickHouse refuses.
    expect(encoded.toString('utf8')).not.toMatch(/(?<!\\)\\ud[89a-f]/i);
    expect(encoded.toString('utf8')).toContain('lone high \ufffd and lone low \ufffd');
  });

  it('writes numbers and nulls as JSON.stringify does', () => {
    const rows = NUMBERS.map((value, index) =>
      usageRow({
        event_id: `n-${index}`,
        input_tokens: Number.isSafeInteger(value) && value >= 0 ? value : 5,
        latency_ms: value,
        cost_usd: index % 2 === 0 ? null : value,
        temperature: index % 3 === 0 ? null : value,
        max_tokens: index % 2 === 0 ? null : 7,
        batch: index % 2 === 0,
      }),
    );
    expect(encodeUsageRows(rows).equals(reference(rows))).toBe(true);
  });

  it('writes nothing for no rows, and refuses an unstorable row like encodeUsageRow', () => {
    expect(encodeUsageRows([]).length).toBe(0);
    expect(() => encodeUsageRows([usageRow(), usageRow({ input_tokens: -1 })])).toThrow(/input_tokens/);
  });
});

describe('JsonLineWriter', () => {
  it('grows past its first buffer without losing what was written', () => {
    const out = new JsonLineWriter(4);
    const texts = Array.from({ length: 50 }, (_, index) => `value ${index} ${'z'.repeat(index * 10)}`);
    out.beginArray();
    texts.forEach((text) => {
      out.string(text);
    });
    out.number(12.5);
    out.endArray();
    out.endLine();
    expect(out.bytes().toString('utf8')).toBe(`${JSON.stringify([...texts, 12.5])}\n`);
  });
});
