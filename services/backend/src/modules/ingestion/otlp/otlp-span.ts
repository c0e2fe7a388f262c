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
 *
 * Hostile input: attribute values nest (arrays and key-value lists inside each other) at most
 * `MAX_ATTRIBUTE_DEPTH` levels, times must fit the protocol's unsigned 64 bits, and attribute keys
 * land in prototype-less objects (a key `__proto__` is just a key). A span breaking one of these
 * carries a `problem` and is refused on its own; the rest of the request goes on.
 * @module
 */
import type { RowError } from '#modules/ingestion/formats/file-format.types.js';
import { ownValue } from '#modules/ingestion/formats/value-readers.js';

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
  /** Why the span cannot be read as sent (a time beyond 64 bits, an attribute nested too deeply). */
  problem: RowError | undefined;
}

/** AnyValue nesting read at most this deep; no instrumentation nests attributes anywhere near it. */
export const MAX_ATTRIBUTE_DEPTH = 32;
/** OTLP times are fixed64: unsigned nanoseconds since the epoch. */
const MAX_NANOS = 2n ** 64n - 1n;

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
    const resource = readAttributes(field(field(resourceSpans, 'resource'), 'attributes'), 'resource');
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
  resource: ReadAttributes,
  scopeName: string | undefined,
  ids: IdEncoding,
): DecodedSpan {
  const status = field(span, 'status');
  const start = nanos(field(span, 'startTimeUnixNano', 'start_time_unix_nano'));
  const end = nanos(field(span, 'endTimeUnixNano', 'end_time_unix_nano'));
  const own = readAttributes(field(span, 'attributes'), 'attributes');
  return {
    traceId: spanId(field(span, 'traceId', 'trace_id'), ids),
    spanId: spanId(field(span, 'spanId', 'span_id'), ids),
    parentSpanId: optionalId(field(span, 'parentSpanId', 'parent_span_id'), ids),
    name: text(field(span, 'name')) ?? '',
    startTimeUnixNano: start ?? 0n,
    endTimeUnixNano: end ?? 0n,
    attributes: own.attributes,
    statusCode: statusCode(field(status, 'code')),
    statusMessage: text(field(status, 'message')),
    resource: resource.attributes,
    scopeName,
    problem: timeProblem(start, end) ?? own.problem ?? resource.problem,
  };
}

function timeProblem(start: bigint | undefined, end: bigint | undefined): RowError | undefined {
  if (start !== undefined && end !== undefined) {
    return undefined;
  }
  const name = start === undefined ? 'startTimeUnixNano' : 'endTimeUnixNano';
  return { field: name, reason: 'must be an unsigned 64-bit count of nanoseconds since the epoch' };
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

/** Nanoseconds as sent; 0 when absent or not a number, undefined when beyond the protocol's 64 bits. */
function nanos(value: unknown): bigint | undefined {
  const read = readNanos(value);
  return read > MAX_NANOS ? undefined : read;
}

function readNanos(value: unknown): bigint {
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
  return typeof value === 'string' ? (ownValue(STATUS_CODES, value) ?? 0) : 0;
}

/** Attributes read from a `KeyValue[]`, and the first one that could not be (it is then null). */
interface ReadAttributes {
  attributes: Attributes;
  problem: RowError | undefined;
}

/** Thrown (and caught per attribute) when a value nests deeper than `MAX_ATTRIBUTE_DEPTH`. */
class NestedTooDeep extends Error {}

/** Span or resource attributes; `where` prefixes the field named by a problem (`attributes.<key>`). */
function readAttributes(value: unknown, where: string): ReadAttributes {
  const attributes: Attributes = Object.create(null) as Attributes;
  let problem: RowError | undefined;
  for (const entry of list(value)) {
    const key = text(field(entry, 'key'));
    if (key === undefined) {
      continue;
    }
    try {
      attributes[key] = anyValue(field(entry, 'value'), 1);
    } catch (error) {
      if (!(error instanceof NestedTooDeep)) {
        throw error;
      }
      attributes[key] = null;
      problem ??= { field: `${where}.${key}`, reason: `nests deeper than ${MAX_ATTRIBUTE_DEPTH} levels` };
    }
  }
  return { attributes, problem };
}

/** `KeyValue[]` → a prototype-less object, later keys winning (as OTLP allows no duplicates, none should). */
function attributesAt(value: unknown, depth: number): Attributes {
  const attributes: Attributes = Object.create(null) as Attributes;
  for (const entry of list(value)) {
    const key = text(field(entry, 'key'));
    if (key !== undefined) {
      attributes[key] = anyValue(field(entry, 'value'), depth);
    }
  }
  return attributes;
}

type AnyValueReader = (found: unknown, depth: number) => AttributeValue;

/** `AnyValue` field names (OTLP/JSON camelCase, then the proto's snake_case) and how to read each. */
const ANY_VALUE_READERS: readonly [string, string, AnyValueReader][] = [
  ['stringValue', 'string_value', (found) => (typeof found === 'string' ? found : null)],
  ['boolValue', 'bool_value', (found) => (typeof found === 'boolean' ? found : null)],
  ['intValue', 'int_value', readInt],
  ['doubleValue', 'double_value', (found) => (isNumeric(found) ? Number(found) : null)],
  [
    'arrayValue',
    'array_value',
    (found, depth) => list(field(found, 'values')).map((item) => anyValue(item, depth + 1)),
  ],
  ['kvlistValue', 'kvlist_value', (found, depth) => attributesAt(field(found, 'values'), depth + 1)],
  ['bytesValue', 'bytes_value', (found) => (typeof found === 'string' ? found : null)],
];

/** Only numbers and numeric text are converted: `Number()` of a nested array would walk all of it. */
function isNumeric(found: unknown): found is number | string {
  return typeof found === 'number' || typeof found === 'string';
}

/** int64 arrives as text in OTLP/JSON; beyond 2^53 it stays text rather than losing digits. */
function readInt(found: unknown): AttributeValue {
  if (!isNumeric(found)) {
    return null;
  }
  return Number.isSafeInteger(Number(found)) ? Number(found) : String(found);
}

function anyValue(value: unknown, depth: number): AttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH) {
    throw new NestedTooDeep();
  }
  for (const [camel, snake, read] of ANY_VALUE_READERS) {
    const found = field(value, camel, snake);
    if (found !== undefined) {
      return read(found, depth);
    }
  }
  return null;
}
