import {
  parseUsageEvent,
  toEventTime,
  tokenConsistencyIssue,
  usageEventSchema,
  type ParsedRecord,
  type UsageEvent,
} from '@netra/shared';
import { Ajv } from 'ajv';
import { z } from 'zod';

/** A validator for one record at a time, returning the event or its rejection. */
export type EventValidator = (record: unknown, index: number) => ParsedRecord;

/**
 * Compiles the ingestion validator. The zod schema in @netra/shared is the contract; its JSON Schema
 * compiled by ajv checks the common, valid case about a hundred times faster, which the ingestion
 * throughput target needs. The rules JSON Schema cannot express (timestamp meaning, token
 * consistency) are the same shared functions zod uses, and any rejection is re-checked by zod so
 * clients always get the contract's own field and message.
 */
export function compileEventValidator(): EventValidator {
  const jsonSchema = z.toJSONSchema(usageEventSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete jsonSchema.$schema;
  // useDefaults fills the contract's defaults in place (the parsed request body is ours to change).
  // unicode: false measures strings in UTF-16 units, as zod's max() does (and skips a code-point count).
  const validate = new Ajv({ useDefaults: true, allErrors: false, strict: false, unicode: false }).compile(
    jsonSchema,
  );
  return (record, index) => {
    if (!validate(record)) {
      return parseUsageEvent(record, index);
    }
    const event = record as Omit<UsageEvent, 'timestamp'> & { timestamp: string | number | Date };
    const time = toEventTime(event.timestamp as string | number);
    if (time === undefined || tokenConsistencyIssue(event) !== undefined) {
      return parseUsageEvent(record, index);
    }
    event.timestamp = time;
    return { ok: true, event: event as UsageEvent };
  };
}
