import {
  parseUsageEvent,
  toEventTime,
  tokenConsistencyIssue,
  usageEventSchema,
  type ParsedRecord,
  type UsageEvent,
} from '@netra/shared';
import { _, Ajv, type KeywordCxt } from 'ajv';
import { z } from 'zod';

/** A validator for one record at a time, returning the event or its rejection. */
export type EventValidator = (record: unknown, index: number) => ParsedRecord;

/**
 * String lengths in UTF-16 units, as zod's min()/max() measure them. Ajv's own keywords count code
 * points (a surrogate pair is one), which would let the fast path accept text the contract refuses;
 * its `unicode: false` switch does the same as these keywords but is deprecated and warns on every start.
 */
const UTF16_LENGTH_KEYWORDS = { maxLength: 'maxUtf16Length', minLength: 'minUtf16Length' } as const;

function addUtf16LengthKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: UTF16_LENGTH_KEYWORDS.maxLength,
    type: 'string',
    schemaType: 'number',
    code: (cxt: KeywordCxt) => {
      cxt.fail(_`${cxt.data}.length > ${cxt.schema as number}`);
    },
  });
  ajv.addKeyword({
    keyword: UTF16_LENGTH_KEYWORDS.minLength,
    type: 'string',
    schemaType: 'number',
    code: (cxt: KeywordCxt) => {
      cxt.fail(_`${cxt.data}.length < ${cxt.schema as number}`);
    },
  });
}

/** The schema with ajv's length keywords renamed to the UTF-16 ones, at every depth. */
function withUtf16Lengths(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(withUtf16Lengths);
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key in UTF16_LENGTH_KEYWORDS ? UTF16_LENGTH_KEYWORDS[key as keyof typeof UTF16_LENGTH_KEYWORDS] : key,
      withUtf16Lengths(value),
    ]),
  );
}

/** The contract as JSON Schema for ajv: unknown fields are dropped, as zod drops them. */
function contractJsonSchema(): Record<string, unknown> {
  const jsonSchema = z.toJSONSchema(usageEventSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete jsonSchema.$schema;
  // With removeAdditional, `false` removes unknown fields instead of refusing the record. Nothing
  // downstream then walks a client's unknown (possibly hostile, deeply nested) values, and the
  // idempotency hash of a record is the same whichever path validated it.
  jsonSchema.additionalProperties = false;
  return withUtf16Lengths(jsonSchema) as Record<string, unknown>;
}

/** JSON numbers overflow to Infinity (`1e400`); JSON Schema has no word for that, so these are checked here. */
function hasInfiniteNumber(event: { latency_ms?: number; ttft_ms?: number; cost_usd?: number }): boolean {
  return event.latency_ms === Infinity || event.ttft_ms === Infinity || event.cost_usd === Infinity;
}

/**
 * Compiles the ingestion validator. The zod schema in @netra/shared is the contract; its JSON Schema
 * compiled by ajv checks the common, valid case about a hundred times faster, which the ingestion
 * throughput target needs. The rules JSON Schema cannot express (timestamp meaning and range, token
 * consistency, finite numbers) are the same shared functions zod uses, and any rejection is
 * re-checked by zod so clients always get the contract's own field and message.
 */
export function compileEventValidator(): EventValidator {
  // useDefaults fills the contract's defaults in place (the parsed request body is ours to change).
  const ajv = new Ajv({ useDefaults: true, removeAdditional: true, allErrors: false, strict: false });
  addUtf16LengthKeywords(ajv);
  const validate = ajv.compile(contractJsonSchema());
  return (record, index) => {
    if (!validate(record)) {
      return parseUsageEvent(record, index);
    }
    const event = record as Omit<UsageEvent, 'timestamp'> & { timestamp: string | number | Date };
    const time = toEventTime(event.timestamp as string | number);
    // Aggregated records (with a bucket end) are few: zod reads and checks their period_end.
    if (
      time === undefined ||
      event.period_end !== undefined ||
      tokenConsistencyIssue(event) !== undefined ||
      hasInfiniteNumber(event)
    ) {
      return parseUsageEvent(record, index);
    }
    event.timestamp = time;
    return { ok: true, event: event as UsageEvent };
  };
}
