/**
 * fast-check arbitraries for hostile ingestion payloads (ingest-properties.int.test.ts): usage events
 * valid by construction (each with a unique event_id, so the test can look it up), and hostile ones
 * built as raw JSON text, so that they can hold what JSON.stringify cannot write: 1e400, keys named
 * `__proto__` or `constructor`, duplicate keys, values nested 10,000 levels deep.
 * @module
 */
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** JSON text (or something that only looks like it). */
export type JsonText = string;

/** One record of a batch: its text, and its event_id when it is valid by construction. */
export interface GeneratedRecord {
  text: JsonText;
  validId: string | undefined;
}

export const DEEP_JSON = `${'['.repeat(10_000)}0${']'.repeat(10_000)}`;

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const CONTRACT_FIELDS = [
  'event_id',
  'timestamp',
  'model',
  'provider',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'latency_ms',
  'cost_usd',
  'status',
  'batch',
  'tags',
  'metadata',
  'prefix_hashes',
  'temperature',
];

/** Scalars that have broken parsers: overflowing, negative zero, beyond 64 bits, broken text, huge text. */
export const hostileScalar: fc.Arbitrary<JsonText> = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e308',
    '-0',
    '1e-400',
    '9007199254740993',
    '18446744073709551616',
    '123456789012345678901234567890',
    'null',
    'true',
    '""',
    '"\\u0000"',
    '"\\ud800"',
    '"\\udc00x"',
    `"${'x'.repeat(5_000)}"`,
    DEEP_JSON,
  ),
  fc.double().map((value) => (Number.isFinite(value) ? JSON.stringify(value) : '1e999')),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 12 }).map((text) => JSON.stringify(text)),
);

/** Timestamps outside what the contract or the store accept, and edge cases that are fine. */
export const hostileTimestamp: fc.Arbitrary<JsonText> = fc.constantFrom(
  '"1850-01-01T00:00:00Z"',
  '"2400-01-01T00:00:00Z"',
  '"1899-12-31T23:59:59.999Z"',
  '"2300-01-01T00:00:00Z"',
  '"+275760-09-13T00:00:00Z"',
  '"2025-13-45T99:99:99Z"',
  '"yesterday"',
  '0',
  '-1',
  '1e11',
  '99999999999999999',
  '1e400',
  '[]',
  '{"$date":1}',
);

const hostileKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, ...CONTRACT_FIELDS),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Any JSON-ish value: hostile scalars, arrays and objects with prototype keys, a few levels deep. */
export const hostileValue: fc.Arbitrary<JsonText> = fc.letrec<{ value: JsonText }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(hostileKey, tie('value')), { maxLength: 3 })
      .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
  ),
})).value;

/**
 * Valid times: mostly within one month, as real usage arrives (every month a batch touches is a new
 * ClickHouse part, which would make this test slow, not harder), sometimes the edges of what the
 * store holds.
 */
export const validMillis: fc.Arbitrary<number> = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: Date.UTC(2025, 5, 1), max: Date.UTC(2025, 6, 1) - 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(Date.UTC(1900, 0, 1), Date.UTC(2300, 0, 1) - 1) },
);

/** A usage event the contract accepts, with a fresh event_id. */
export const validEvent: fc.Arbitrary<{ id: string; fields: Record<string, unknown> }> = fc
  .record({
    id: fc.uuid().map((uuid) => `prop-${uuid}`),
    at: validMillis,
    asText: fc.boolean(),
    model: fc.constantFrom('gpt-4o', 'claude-sonnet-4-20250514', 'acme-llm', '😀-model'),
    input: fc.nat({ max: 2_000_000 }),
    output: fc.nat({ max: 100_000 }),
    latency: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: undefined }),
    metadata: fc.dictionary(
      fc.constantFrom('team', 'constructor', 'prototype', 'k'),
      fc.string({ maxLength: 20 }),
    ),
  })
  .map(({ id, at, asText, model, input, output, latency, metadata }) => ({
    id,
    fields: {
      event_id: id,
      // Epoch milliseconds below 1e11 (before 1973) are read as seconds sent by mistake: such times go as text.
      timestamp: asText || at < 1e11 ? new Date(at).toISOString() : at,
      model,
      input_tokens: input,
      output_tokens: output,
      ...(latency === undefined ? {} : { latency_ms: latency }),
      metadata,
    },
  }));

/** A record that is probably invalid: a valid event with fields replaced or added, or any value. */
export const hostileEvent: fc.Arbitrary<JsonText> = fc.oneof(
  fc
    .tuple(
      validEvent,
      fc.array(fc.tuple(hostileKey, fc.oneof(hostileValue, hostileTimestamp)), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([event, replaced]) => {
      const entries = Object.entries(event.fields).map(
        ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`,
      );
      // Added after the valid fields: a repeated key wins in JSON.parse, so a field is replaced.
      const hostile = replaced.map(([key, value]) => `${JSON.stringify(key)}:${value}`);
      return `{${[...entries, ...hostile].join(',')}}`;
    }),
  hostileValue,
);

/** A batch mixing valid and hostile records. */
export const mixedRecords: fc.Arbitrary<GeneratedRecord[]> = fc.array(
  fc.oneof(
    validEvent.map((event) => ({ text: JSON.stringify(event.fields), validId: event.id })),
    hostileEvent.map((text) => ({ text, validId: undefined })),
  ),
  { maxLength: 6 },
);

/** Bodies that are not JSON at all, or JSON cut short. */
export const garbageBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)),
  hostileValue.map((text) => Buffer.from(text.slice(0, Math.max(1, Math.floor(text.length / 2))))),
);

/** How a body travels: its Content-Encoding as sent, and whether the bytes really are encoded so. */
export type BodyEncoding = 'none' | 'identity' | 'gzip' | 'deflate' | 'gzip-header-only' | 'br' | 'GZIP';

export const bodyEncoding: fc.Arbitrary<BodyEncoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<BodyEncoding>('none') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<BodyEncoding>('identity', 'gzip', 'deflate', 'gzip-header-only', 'br', 'GZIP'),
  },
);

/** The body as sent and its Content-Encoding header, per the generated encoding. */
export function encoded(
  body: Buffer,
  encoding: BodyEncoding,
): { payload: Buffer; headers: Record<string, string> } {
  switch (encoding) {
    case 'none':
      return { payload: body, headers: {} };
    case 'gzip':
    case 'GZIP':
      return { payload: gzipSync(body), headers: { 'content-encoding': encoding } };
    case 'deflate':
      return { payload: deflateSync(body), headers: { 'content-encoding': 'deflate' } };
    case 'gzip-header-only':
      return { payload: body, headers: { 'content-encoding': 'gzip' } };
    case 'identity':
    case 'br':
      return { payload: body, headers: { 'content-encoding': encoding } };
  }
}

/** Usually `usual` (the cases that reach the interesting code), sometimes one of `odd`. */
export function mostly<T>(usual: readonly T[], odd: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...usual) },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
  );
}
