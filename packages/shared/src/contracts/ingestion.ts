/**
 * The ingestion routes' wire shapes (ARCHITECTURE §3 Ingestion, §4.5): the REST events batch and
 * its result with per-record rejections, and the NDJSON lines a file import streams back.
 * @module
 */
import { z } from 'zod';

/** At most this many events in one request (ARCHITECTURE: 10,000 events or 10 MB). */
export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_INGEST_BYTES = 10 * 1024 * 1024;

/**
 * `POST /api/v1/ingest/events`: `{ "events": [...] }`, or a bare array of events. Each record is
 * validated on its own later (a bad one is rejected with its index, the rest are kept), so the
 * body only fixes the outer shape.
 */
export const ingestEventsBodySchema = z.union([
  z.object({ events: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);
export type IngestEventsBody = z.infer<typeof ingestEventsBodySchema>;

const count = z.number().int().nonnegative();

/** One refused record of a batch: its position, the field at fault and why. */
export const rejectedRecordSchema = z.object({ index: count, field: z.string(), reason: z.string() });

/** The answer to an events batch (200 all accepted, 207 some refused; 400 carries it in `details`). */
export const ingestResultSchema = z.object({
  /** Valid records, stored now or already stored before (idempotent re-sends count as accepted). */
  accepted: count,
  stored: count,
  duplicates: count,
  /**
   * Accepted records with no cost: the catalog cannot price the model and the record states no
   * cost (kept, shown as unpriced, never $0). A stated cost is used where the catalog has no price.
   */
  unpriced: count,
  rejected: z.array(rejectedRecordSchema),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** Every format a file import reads; `auto` detects one from the first line(s). */
export const USAGE_FILE_FORMATS = [
  'auto',
  'canonical',
  'openai',
  'anthropic',
  'litellm',
  'langfuse',
  'csv',
] as const;
export type UsageFileFormat = (typeof USAGE_FILE_FORMATS)[number];

/** One refused line of an uploaded file (line numbers start at 1). */
export const lineErrorSchema = z.object({ line: count, field: z.string(), reason: z.string() });
export type LineError = z.infer<typeof lineErrorSchema>;

/** Running totals of a file import. */
export const importTotalsSchema = z.object({
  /** The detected or requested format, once known. */
  format: z.string().optional(),
  bytes: count,
  rows: count,
  accepted: count,
  stored: count,
  duplicates: count,
  unpriced: count,
  rejected: count,
  /** Rows skipped on purpose (e.g. header-only buckets), by reason. */
  skipped: z.record(z.string(), count),
  /** What the file was stored as: usage events, or billed cost (a cost export, kept for reconciliation). */
  kind: z.enum(['usage', 'billed_cost']).optional(),
  /** Dollars billed by the lines stored so far (cost exports only). */
  billed_cost_usd: z.number().optional(),
});
export type ImportTotals = z.infer<typeof importTotalsSchema>;

/**
 * One NDJSON line of `POST /api/v1/ingest/files`: `progress` after every batch, then `done` with
 * the refused lines, or `error` when the import broke off after the answer had started.
 */
export const fileImportUpdateSchema = z.discriminatedUnion('type', [
  importTotalsSchema.extend({ type: z.literal('progress') }),
  importTotalsSchema.extend({ type: z.literal('done'), errors: z.array(lineErrorSchema) }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type FileImportUpdate = z.infer<typeof fileImportUpdateSchema>;
