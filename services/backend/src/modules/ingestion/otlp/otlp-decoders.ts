/**
 * Decoders for OTLP/HTTP trace export requests (`POST /v1/traces`): `application/x-protobuf`
 * through protobufjs with the official opentelemetry-proto definitions (vendored under `proto/`,
 * Apache-2.0, compiled into `otlp-trace-descriptor.ts`, so nothing is read or fetched at run
 * time), and `application/json` (OTLP/JSON). Both yield the same `DecodedSpan` list.
 * @module
 */
import { AppError } from '@netra/shared';
import protobuf from 'protobufjs';
import { OTLP_TRACE_DESCRIPTOR } from './otlp-trace-descriptor.js';
import { spansOfRequest, type DecodedSpan } from './otlp-span.js';

const EXPORT_REQUEST = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest';

let requestType: protobuf.Type | undefined;

/** The ExportTraceServiceRequest message type, built once from the compiled descriptor. */
function exportRequestType(): protobuf.Type {
  requestType ??= protobuf.Root.fromJSON(OTLP_TRACE_DESCRIPTOR).lookupType(EXPORT_REQUEST);
  return requestType;
}

function invalid(message: string, cause?: unknown): AppError {
  return new AppError(400, 'otlp_invalid_request', message, { cause });
}

/** Decodes a protobuf ExportTraceServiceRequest body; a body that is not one is a 400. */
export function decodeOtlpProtobuf(body: Uint8Array): DecodedSpan[] {
  const type = exportRequestType();
  let object: Record<string, unknown>;
  try {
    // Longs as decimal text and bytes as base64 give the OTLP/JSON shape (ids aside, see spansOfRequest).
    // Both steps recurse into nested AnyValues: a hostile nesting exhausts the stack here (RangeError),
    // which is the client's malformed request like any other decoding failure.
    const message = type.decode(body);
    object = type.toObject(message, { longs: String, enums: Number, bytes: String, defaults: false });
  } catch (error) {
    throw invalid('the body is not a protobuf ExportTraceServiceRequest', error);
  }
  return spansOfRequest(object, 'base64');
}

/** Decodes an OTLP/JSON body (text, bytes, or an already parsed object); malformed JSON is a 400. */
export function decodeOtlpJson(body: unknown): DecodedSpan[] {
  // Fastify's JSON parser hands over any JSON value: a number or `true` is a body, just not a request.
  const parsed = typeof body === 'string' || body instanceof Uint8Array ? parseJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('the body must be a JSON ExportTraceServiceRequest object');
  }
  return spansOfRequest(parsed, 'hex');
}

function parseJson(body: Uint8Array | string): unknown {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid('the body is not valid JSON', error);
  }
}
