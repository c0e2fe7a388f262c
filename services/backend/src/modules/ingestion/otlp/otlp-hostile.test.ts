/**
 * The OTLP decoders against hostile input: AnyValues nested deep enough to exhaust any recursion,
 * times beyond the protocol's 64 bits, attribute keys and values naming Object's own members.
 * @module
 */
import { isAppError } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { decodeOtlpJson } from './otlp-decoders.js';
import { MAX_ATTRIBUTE_DEPTH } from './otlp-span.js';
import { convertSpans } from './otlp-traces.js';

const START = '1748779200123456789';

interface SpanInput {
  start?: string;
  attributes?: string[];
  resource?: string[];
}

const attribute = (key: string, value: string) => `{"key":${JSON.stringify(key)},"value":${value}}`;
const text = (value: string) => `{"stringValue":${JSON.stringify(value)}}`;
const GENAI = [
  attribute('gen_ai.system', text('openai')),
  attribute('gen_ai.request.model', text('gpt-4o')),
  attribute('gen_ai.operation.name', text('chat')),
  attribute('gen_ai.usage.input_tokens', '{"intValue":"12"}'),
  attribute('gen_ai.usage.output_tokens', '{"intValue":"3"}'),
];

/** One OTLP/JSON export with one span per input. */
function exportOf(...spans: SpanInput[]): string {
  const resourceSpans = spans.map(
    (span, index) =>
      `{"resource":{"attributes":[${(span.resource ?? []).join(',')}]},"scopeSpans":[{"spans":[{` +
      `"traceId":"5b8efff798038103d269b633813fc60c","spanId":"000000000000000${index}","name":"chat",` +
      `"startTimeUnixNano":"${span.start ?? START}","endTimeUnixNano":"${span.start ?? START}",` +
      `"attributes":[${[...GENAI, ...(span.attributes ?? [])].join(',')}]}]}]}`,
  );
  return `{"resourceSpans":[${resourceSpans.join(',')}]}`;
}

const arrays = (depth: number) =>
  `${'{"arrayValue":{"values":['.repeat(depth)}{"intValue":"1"}${']}}'.repeat(depth)}`;
const kvlists = (depth: number) =>
  `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth)}{"boolValue":true}${'}]}}'.repeat(depth)}`;

describe('attribute values nested too deeply', () => {
  it('refuse their span (naming the attribute) and leave the other spans alone', () => {
    const result = convertSpans(
      decodeOtlpJson(
        exportOf(
          { attributes: [attribute('x', arrays(10_000))] },
          { attributes: [attribute('y', kvlists(10_000))] },
          { resource: [attribute('service.name', arrays(10_000))] },
          {},
        ),
      ),
    );
    const reason = `nests deeper than ${MAX_ATTRIBUTE_DEPTH} levels`;
    expect(result.rejected.map(({ index, field, reason: why }) => [index, field, why])).toEqual([
      [0, 'attributes.x', reason],
      [1, 'attributes.y', reason],
      [2, 'resource.service.name', reason],
    ]);
    expect(result.records.map((record) => record.index)).toEqual([3]);
  });

  it('are read in full up to the limit', () => {
    const [span] = decodeOtlpJson(
      exportOf({ attributes: [attribute('x', arrays(MAX_ATTRIBUTE_DEPTH - 1))] }),
    );
    expect(span?.problem).toBeUndefined();
    expect(JSON.stringify(span?.attributes.x)).toBe(
      `${'['.repeat(MAX_ATTRIBUTE_DEPTH - 1)}1${']'.repeat(MAX_ATTRIBUTE_DEPTH - 1)}`,
    );
  });

  it('in a number field read as no value, without walking them', () => {
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    const [span] = decodeOtlpJson(
      exportOf({
        attributes: [attribute('i', `{"intValue":${deep}}`), attribute('d', `{"doubleValue":${deep}}`)],
      }),
    );
    expect(span?.attributes).toMatchObject({ i: null, d: null });
  });
});

describe('span times', () => {
  it('beyond 64 bits refuse the span; the largest 64-bit time is read as it is', () => {
    const max = (2n ** 64n - 1n).toString();
    const spans = decodeOtlpJson(
      exportOf({ start: '18446744073709551616' }, { start: max }, { start: '1e400' }),
    );
    expect(spans.map((span) => span.problem?.field)).toEqual(['startTimeUnixNano', undefined, undefined]);
    expect(spans[1]?.startTimeUnixNano).toBe(2n ** 64n - 1n);
    // Not decimal digits: read as absent, as before.
    expect(spans[2]?.startTimeUnixNano).toBe(0n);
    const result = convertSpans(spans);
    expect(result.rejected).toMatchObject([{ index: 0, field: 'startTimeUnixNano' }]);
    expect(result.records.map((record) => record.index)).toEqual([1, 2]);
  });
});

describe("names of Object's own members", () => {
  it('are ordinary attribute keys and values', () => {
    const [span] = decodeOtlpJson(
      exportOf({
        attributes: [
          attribute(
            '__proto__',
            `{"kvlistValue":{"values":[${attribute('gen_ai.usage.input_tokens', '{"intValue":"9"}')}]}}`,
          ),
          attribute('constructor', text('c')),
          attribute('gen_ai.system', text('constructor')),
          attribute('gen_ai.operation.name', text('toString')),
        ],
      }),
    );
    expect(Object.keys(span?.attributes ?? {})).toContain('__proto__');
    // The nested list did not become the attributes' prototype: its count (9) did not replace the span's own.
    expect(span?.attributes['gen_ai.usage.input_tokens']).toBe(12);
    const [converted] = convertSpans(span === undefined ? [] : [span]).records;
    expect(converted?.record).toMatchObject({
      provider: 'constructor',
      operation: 'toString',
      input_tokens: 12,
    });
  });
});

describe('JSON bodies that are not an export request', () => {
  it.each([1844674407, true, null, 'text', [1]])(
    'are a 400 (%o), however the JSON parser handed them over',
    (body) => {
      let failure: unknown;
      try {
        decodeOtlpJson(body);
      } catch (error) {
        failure = error;
      }
      expect(isAppError(failure) && [failure.status, failure.code]).toEqual([400, 'otlp_invalid_request']);
    },
  );
});
