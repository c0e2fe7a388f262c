/**
 * fast-check arbitraries for hostile OTLP trace exports (`POST /v1/traces`), JSON and protobuf: GenAI
 * model-call spans valid by construction (tracked by their event id `otel:<trace>:<span>`) mixed with
 * spans whose times, attributes and shapes are hostile, in requests that may themselves be garbage.
 * @module
 */
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { OTLP_TRACE_DESCRIPTOR } from '#modules/ingestion/otlp/otlp-trace-descriptor.js';
import {
  bodyEncoding,
  DEEP_JSON,
  garbageBody,
  hostileScalar,
  hostileValue,
  mostly,
  validMillis,
  type BodyEncoding,
  type JsonText,
} from './hostile-ingestion.js';

export interface OtlpCase {
  body: Buffer;
  contentType: string;
  encoding: BodyEncoding;
  /** Valid GenAI spans, by their position among the request's spans, with the event id they become. */
  validSpans: { index: number; eventId: string }[];
}

interface ValidSpan {
  traceId: string;
  spanId: string;
  startNanos: bigint;
  model: string;
  inputTokens: number;
}

const hex = (length: number) => fc.uuid().map((uuid) => uuid.replaceAll('-', '').slice(0, length));

const validSpan: fc.Arbitrary<ValidSpan> = fc.record({
  traceId: hex(32),
  spanId: hex(16),
  // OTLP times are unsigned nanoseconds since 1970: the 1900 edge cannot be written in OTLP at all.
  startNanos: validMillis.filter((ms) => ms >= 0).map((ms) => BigInt(ms) * 1_000_000n),
  model: fc.constantFrom('gpt-4o', 'claude-3-7-sonnet-20250219', 'acme-llm'),
  inputTokens: fc.nat({ max: 1_000_000 }),
});

const eventIdOf = (span: ValidSpan) => `otel:${span.traceId}:${span.spanId}`;
const attribute = (key: string, value: JsonText) => `{"key":${JSON.stringify(key)},"value":${value}}`;
const text = (value: string) => `{"stringValue":${JSON.stringify(value)}}`;

function genAiAttributes(span: ValidSpan): JsonText[] {
  return [
    attribute('gen_ai.system', text('openai')),
    attribute('gen_ai.operation.name', text('chat')),
    attribute('gen_ai.request.model', text(span.model)),
    attribute('gen_ai.usage.input_tokens', `{"intValue":"${span.inputTokens}"}`),
  ];
}

function spanJson(span: ValidSpan, start: JsonText, attributes: JsonText[]): JsonText {
  return (
    `{"traceId":"${span.traceId}","spanId":"${span.spanId}","name":"chat ${span.model}",` +
    `"startTimeUnixNano":${start},"endTimeUnixNano":"${span.startNanos + 1_000_000n}",` +
    `"attributes":[${attributes.join(',')}]}`
  );
}

/** AnyValues that break readers: nested 10,000 deep, numbers that are not numbers, keys of Object. */
const hostileAnyValue: fc.Arbitrary<JsonText> = fc.oneof(
  fc.constant(`${'{"arrayValue":{"values":['.repeat(10_000)}{"intValue":"1"}${']}}'.repeat(10_000)}`),
  fc.constant(
    `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(5_000)}{"boolValue":true}${'}]}}'.repeat(5_000)}`,
  ),
  hostileScalar.map((value) => `{"intValue":${value}}`),
  hostileScalar.map((value) => `{"doubleValue":${value}}`),
  fc.constant(`{"intValue":${DEEP_JSON}}`),
  hostileValue,
);

const hostileStart: fc.Arbitrary<JsonText> = fc.constantFrom(
  '"99999999999999999999999"',
  '"18446744073709551616"',
  '"18446744073709551615"',
  '"-5"',
  '"abc"',
  '1e400',
  '-1',
  '1e30',
  '[]',
  '{}',
);

const hostileSpan: fc.Arbitrary<JsonText> = fc.oneof(
  fc.tuple(validSpan, hostileStart).map(([span, start]) => spanJson(span, start, genAiAttributes(span))),
  fc
    .tuple(
      validSpan,
      fc.array(
        fc.tuple(
          fc.constantFrom('x', '__proto__', 'constructor', 'gen_ai.usage.output_tokens', 'gen_ai.system'),
          hostileAnyValue,
        ),
        {
          minLength: 1,
          maxLength: 2,
        },
      ),
    )
    .map(([span, extra]) =>
      spanJson(span, `"${span.startNanos}"`, [
        ...genAiAttributes(span),
        ...extra.map(([key, value]) => attribute(key, value)),
      ]),
    ),
  hostileValue,
);

const mixedSpans = fc.array(
  fc.oneof(
    validSpan.map((span) => ({
      text: spanJson(span, `"${span.startNanos}"`, genAiAttributes(span)),
      valid: span,
    })),
    hostileSpan.map((spanText) => ({ text: spanText, valid: undefined })),
  ),
  { maxLength: 5 },
);

/** A JSON export: a clean resource holding the mixed spans, then resources that are hostile themselves. */
const jsonExport: fc.Arbitrary<{ body: Buffer; validSpans: OtlpCase['validSpans'] }> = fc
  .tuple(mixedSpans, fc.array(hostileValue, { maxLength: 2 }), fc.boolean())
  .map(([spans, hostileResources, snakeCase]) => {
    const scope = snakeCase ? 'scope_spans' : 'scopeSpans';
    const clean = `{"resource":{"attributes":[]},"${scope}":[{"spans":[${spans.map((span) => span.text).join(',')}]}]}`;
    const others = hostileResources.map(
      (resource) => `{"resource":{"attributes":[${attribute('r', resource)}]},"scopeSpans":${resource}}`,
    );
    const validSpans = spans.flatMap((span, index) =>
      span.valid === undefined ? [] : [{ index, eventId: eventIdOf(span.valid) }],
    );
    return { body: Buffer.from(`{"resourceSpans":[${[clean, ...others].join(',')}]}`), validSpans };
  });

let requestType: protobuf.Type | undefined;

function protobufExport(spans: readonly ValidSpan[]): Buffer {
  requestType ??= protobuf.Root.fromJSON(OTLP_TRACE_DESCRIPTOR).lookupType(
    'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  );
  const toSpan = (span: ValidSpan) => ({
    traceId: Buffer.from(span.traceId, 'hex'),
    spanId: Buffer.from(span.spanId, 'hex'),
    name: `chat ${span.model}`,
    startTimeUnixNano: String(span.startNanos),
    endTimeUnixNano: String(span.startNanos + 1_000_000n),
    attributes: [
      { key: 'gen_ai.system', value: { stringValue: 'openai' } },
      { key: 'gen_ai.request.model', value: { stringValue: span.model } },
      { key: 'gen_ai.usage.input_tokens', value: { intValue: String(span.inputTokens) } },
    ],
  });
  const message = requestType.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: spans.map(toSpan) }] }] });
  return Buffer.from(requestType.encode(message).finish());
}

/** A protobuf export of valid spans, sent whole (tracked) or cut and bit-flipped (not tracked). */
const protobufCase = fc
  .tuple(
    fc.array(validSpan, { minLength: 1, maxLength: 4 }),
    fc.option(fc.tuple(fc.nat(), fc.nat({ max: 255 }))),
  )
  .map(([spans, damage]) => {
    const bytes = protobufExport(spans);
    if (damage === null) {
      return { body: bytes, validSpans: spans.map((span, index) => ({ index, eventId: eventIdOf(span) })) };
    }
    const [at, xor] = damage;
    const damaged = Buffer.from(bytes.subarray(0, Math.max(1, bytes.length - (at % 7))));
    const position = at % damaged.length;
    damaged.writeUInt8((damaged.readUInt8(position) ^ xor) & 0xff, position);
    return { body: damaged, validSpans: [] };
  });

/** An export in one encoding, sent as `contentType`: its valid spans count only when the two agree. */
function sentAs(
  exported: fc.Arbitrary<{ body: Buffer; validSpans: OtlpCase['validSpans'] }>,
  contentTypes: fc.Arbitrary<string>,
  matching: string,
): fc.Arbitrary<OtlpCase> {
  return fc
    .record({ exported, contentType: contentTypes, encoding: bodyEncoding })
    .map(({ exported: { body, validSpans }, contentType, encoding }) => ({
      body,
      contentType,
      encoding,
      validSpans: contentType.startsWith(matching) ? validSpans : [],
    }));
}

const noSpans = garbageBody.map((body) => ({ body, validSpans: [] }));

export const otlpCase: fc.Arbitrary<OtlpCase> = fc.oneof(
  {
    weight: 5,
    arbitrary: sentAs(
      jsonExport,
      mostly(
        ['application/json', 'application/json; charset=utf-8'],
        ['text/plain', 'application/x-protobuf'],
      ),
      'application/json',
    ),
  },
  {
    weight: 2,
    arbitrary: sentAs(
      protobufCase,
      mostly(['application/x-protobuf'], ['application/json', '']),
      'application/x-protobuf',
    ),
  },
  {
    weight: 1,
    arbitrary: sentAs(noSpans, fc.constantFrom('application/json', 'application/x-protobuf', ''), 'none'),
  },
);
