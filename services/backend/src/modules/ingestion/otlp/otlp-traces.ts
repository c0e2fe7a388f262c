/**
 * OTLP/HTTP trace export requests → canonical usage records: decode the body by content type, map
 * every GenAI model-call span, skip and count the rest. Records are not validated here: the caller
 * passes each through `parseUsageEvent`, then prices and stores it.
 * @module
 */
import { AppError } from '@netra/shared';
import type { CanonicalRecord, RowError } from '#modules/ingestion/formats/file-format.types.js';
import { mapGenAiSpan, type SpanSkip } from './genai-span-mapper.js';
import { decodeOtlpJson, decodeOtlpProtobuf } from './otlp-decoders.js';
import type { DecodedSpan } from './otlp-span.js';
import { ancestorsWithin } from './span-tree.js';

/** A span that looked like a model call but could not be converted. */
export interface RejectedSpan extends RowError {
  /** Position of the span in the request (resource, scope and span order flattened). */
  index: number;
  traceId: string;
  spanId: string;
}

/** A model-call span that carried no token count: not stored, reported back as a warning. */
export interface UsagelessSpan {
  index: number;
  traceId: string;
  spanId: string;
  name: string;
}

/** The outcome of one export request. */
export interface OtlpConversion {
  /** One record per GenAI model-call span, with the span's position in the request. */
  records: { index: number; record: CanonicalRecord }[];
  /** Spans in the request. */
  spans: number;
  /** Spans without GenAI attributes of any family (HTTP, database, framework spans, ...). */
  nonGenAi: number;
  /** GenAI spans that are not a model call and carry no usage (tools, retrieval, memory, agents). */
  notModelCall: number;
  /**
   * Spans whose usage is the sum of model calls traced as spans of their own (agent runs, Vercel
   * `ai.generateText`, OpenInference chains, a span with a usage-carrying descendant): not counted again.
   */
  wrappers: number;
  /** Successful model-call spans without any token count. */
  noUsage: UsagelessSpan[];
  rejected: RejectedSpan[];
}

/** Content types of OTLP/HTTP (parameters such as `; charset=utf-8` are ignored). */
export const OTLP_CONTENT_TYPES = ['application/x-protobuf', 'application/json'] as const;

/** Decodes `body` according to `contentType`; other content types are a 415. */
export function decodeOtlpTraces(body: unknown, contentType: string): DecodedSpan[] {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-protobuf') {
    if (!(body instanceof Uint8Array)) {
      throw new AppError(400, 'otlp_invalid_request', 'a protobuf body must arrive as bytes');
    }
    return decodeOtlpProtobuf(body);
  }
  if (type === 'application/json') {
    return decodeOtlpJson(body);
  }
  throw new AppError(415, 'unsupported_media_type', `OTLP accepts ${OTLP_CONTENT_TYPES.join(' or ')}`);
}

/** Converts an export request's spans into canonical records, counting what was skipped. */
export function convertOtlpTraces(body: unknown, contentType: string): OtlpConversion {
  return convertSpans(decodeOtlpTraces(body, contentType));
}

/** A model-call span and the record it became. */
interface MappedSpan {
  index: number;
  record: CanonicalRecord;
  span: DecodedSpan;
}

/** Converts decoded spans into canonical records, counting what was skipped. */
export function convertSpans(spans: readonly DecodedSpan[]): OtlpConversion {
  const result: OtlpConversion = {
    records: [],
    spans: spans.length,
    nonGenAi: 0,
    notModelCall: 0,
    wrappers: 0,
    noUsage: [],
    rejected: [],
  };
  const mapped = mapSpans(spans, result);
  const withUsage = mapped.filter((entry) => carriesTokens(entry.record)).map((entry) => entry.span);
  const wrapping = ancestorsWithin(
    spans,
    withUsage,
    mapped.map((entry) => entry.span),
  );
  result.records = mapped
    .filter((entry) => !wrapping.has(entry.span))
    .map(({ index, record }) => ({ index, record }));
  result.wrappers += wrapping.size;
  return result;
}

/** Maps every span, keeping the model calls and counting the rest into `result`. */
function mapSpans(spans: readonly DecodedSpan[], result: OtlpConversion): MappedSpan[] {
  const mapped: MappedSpan[] = [];
  spans.forEach((span, index) => {
    const outcome = mapGenAiSpan(span);
    if ('record' in outcome) {
      mapped.push({ index, record: outcome.record, span });
    } else if ('error' in outcome) {
      result.rejected.push({ index, traceId: span.traceId, spanId: span.spanId, ...outcome.error });
    } else {
      countSkip(result, outcome.skip, span, index);
    }
  });
  return mapped;
}

/** Only a descendant that used tokens makes its ancestor a wrapper: a failed call without usage does not. */
function carriesTokens(record: CanonicalRecord): boolean {
  return Number(record.input_tokens ?? 0) + Number(record.output_tokens ?? 0) > 0;
}

function countSkip(result: OtlpConversion, skip: SpanSkip, span: DecodedSpan, index: number): void {
  if (skip === 'non_genai') {
    result.nonGenAi += 1;
  } else if (skip === 'wrapper') {
    result.wrappers += 1;
  } else if (skip === 'no_usage') {
    result.noUsage.push({ index, traceId: span.traceId, spanId: span.spanId, name: span.name });
  } else {
    result.notModelCall += 1;
  }
}
