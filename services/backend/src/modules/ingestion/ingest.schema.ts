import { z } from 'zod';

/** At most this many events in one request (ARCHITECTURE: 10,000 events or 10 MB). */
export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_INGEST_BYTES = 10 * 1024 * 1024;

/** `{ "events": [...] }`, or a bare array of events. Records are validated one by one later. */
export const ingestBodySchema = z.union([z.object({ events: z.array(z.unknown()) }), z.array(z.unknown())]);
