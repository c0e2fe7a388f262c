/**
 * The span model both OTLP decoders produce, and the normaliser from an OTLP/JSON-shaped object
 * (OTLP/JSON itself, or protobufjs' object form of a decoded protobuf request) into it.
 *
 * OTLP/JSON rules followed (OTLP specification, "JSON Protobuf Encoding"): field names are
 * lowerCamelCase (the original snake_case is accepted too); `traceId`/`spanId`/`parentSpanId`
 * are hex text, not base64; 64-bit integers (`startTimeUnixNano`, `intValue`) may be decimal
 * strings; enums are integers (names accepted too); attribute values are `AnyValue` objects with
 * exactly one of `stringValue`, `boolValue`, `intValue`, `doubleValue`, `arrayValue`,
 * `kvlistValue`, `bytesValue` (base64). Receivers ignore unknown fields.
 * @module
 */

/** An attribute value with the `AnyValue` wrapper removed. */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Span or resource attributes by key. */
export type Attributes = Record<string, AttributeValue>;

/** One span with its resource and scope, ids as lowercase hex and times as nanosecond bigints. */
export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string | undefined;
  resource: Attributes;
  scopeName: string | undefined;
}

/** How the decoder writes span ids: OTLP/JSON uses hex, protobufjs objects use base64. */
export type IdEncoding = 'hex' | 'base64';

type Json = Record<string, unknown>;

const STATUS_CODES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/** Every span of an ExportTraceServiceRequest-shaped object, in request order. */
export function spansOfRequest(request: unknown, ids: IdEncoding): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of list(field(request, 'resourceSpans', 'resource_spans'))) {
    const resource = attributesOf(field(field(resourceSpans, 'resource'), 'attributes'));
    // `instrumentationLibrarySpans` is the pre-1.0 name senders may still use (OTLP spec: read it when `scopeSpans` is absent).
    const scopes = field(
      resourceSpans,
      'scopeSpans',
      'scope_spans',
      'instrumentationLibrarySpans',
      'instrumentation_library_spans',
    );
    for (const scopeSpans of list(scopes)) {
      const scope = field(scopeSpans, 'scope', 'instrumentationLibrary', 'instrumentation_library');
      const scopeName = text(field(scope, 'name'));
      for (const span of list(field(scopeSpans, 'spans'))) {
        spans.push(toSpan(span, resource, scopeName, ids));
      }
    }
  }
  return spans;
}

function toSpan(
  span: unknown,
  resource: Attributes,
  scopeName: string | undefined,
  ids: IdEncoding,
): DecodedSpan {
  const status = field(span, 'status');
  return {
    traceId: spanId(field(span, 'traceId', 'trace_id'), ids),
    spanId: spanId(field(span, 'spanId', 'span_id'), ids),
    parentSpanId: optionalId(field(span, 'parentSpanId', 'parent_span_id'), ids),
    name: text(field(span, 'name')) ?? '',
    startTimeUnixNano: nanos(field(span, 'startTimeUnixNano', 'start_time_unix_nano')),
    endTimeUnixNano: nanos(field(span, 'endTimeUnixNano', 'end_time_unix_nano')),
    attributes: attributesOf(field(span, 'attributes')),
    statusCode: statusCode(field(status, 'code')),
    statusMessage: text(field(status, 'message')),
    resource,
    scopeName,
  };
}

function field(value: unknown, ...names: string[]): unknown {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const object = value as Json;
  return names.map((name) => object[name]).find((found) => found !== undefined && found !== null);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function spanId(value: unknown, ids: IdEncoding): string {
  return optionalId(value, ids) ?? '';
}

function optionalId(value: unknown, ids: IdEncoding): string | undefined {
  const raw = text(value);
  if (raw === undefined) {
    return undefined;
  }
  return ids === 'hex' ? raw.toLowerCase() : Buffer.from(raw, 'base64').toString('hex');
}

function nanos(value: unknown): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return BigInt(value);
  }
  // A JSON number this large has lost its last digits already; a few hundred nanoseconds do not matter here.
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? BigInt(Math.trunc(value)) : 0n;
}

function statusCode(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' ? (STATUS_CODES[value] ?? 0) : 0;
}

/** `KeyValue[]` → a plain object, later keys winning (as OTLP allows no duplicates, none should). */
export function attributesOf(value: unknown): Attributes {
  const attributes: Attributes = {};
  for (const entry of list(value)) {
    const key = text(field(entry, 'key'));
    if (key !== undefined) {
      attributes[key] = anyValue(field(entry, 'value'));
    }
  }
  return attributes;
}

/** `AnyValue` field names (OTLP/JSON camelCase, then the proto's snake_case) and how to read each. */
const ANY_VALUE_READERS: readonly [string, string, (found: unknown) => AttributeValue][] = [
  ['stringValue', 'string_value', (found) => (typeof found === 'string' ? found : null)],
  ['boolValue', 'bool_value', (found) => (typeof found === 'boolean' ? found : null)],
  // int64 arrives as text in OTLP/JSON; beyond 2^53 it stays text rather than losing digits.
  ['intValue', 'int_value', (found) => (Number.isSafeInteger(Number(found)) ? Number(found) : String(found))],
  ['doubleValue', 'double_value', (found) => Number(found)],
  ['arrayValue', 'array_value', (found) => list(field(found, 'values')).map(anyValue)],
  ['kvlistValue', 'kvlist_value', (found) => attributesOf(field(found, 'values'))],
  ['bytesValue', 'bytes_value', (found) => (typeof found === 'string' ? found : null)],
];

function anyValue(value: unknown): AttributeValue {
  for (const [camel, snake, read] of ANY_VALUE_READERS) {
    const found = field(value, camel, snake);
    if (found !== undefined) {
      return read(found);
    }
  }
  return null;
}
