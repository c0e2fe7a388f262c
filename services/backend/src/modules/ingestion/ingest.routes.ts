import type { FastifyInstance } from 'fastify';
import { AppError } from '@netra/shared';
import { parseInput } from '@netra/shared/http';
import { ingestionKeyHook, ingestionPrincipalOf, type IngestionAuthDependencies } from './ingestion-auth.js';
import type { IngestResult } from '@netra/shared/contracts';
import type { IngestionService } from './ingest.service.js';
import { ingestBodySchema, MAX_EVENTS_PER_REQUEST, MAX_INGEST_BYTES } from './ingest.schema.js';

export interface IngestRouteDependencies {
  ingestion: IngestionService;
  auth: IngestionAuthDependencies;
}

/** 200 when every record was accepted, 207 when some were refused, 400 when none was usable. */
function statusOf(result: IngestResult): number {
  if (result.rejected.length === 0) {
    return 200;
  }
  return result.accepted > 0 ? 207 : 400;
}

/** `POST /api/v1/ingest/events`: a JSON (optionally gzip) batch of canonical usage events. */
export function registerIngestRoutes(app: FastifyInstance, deps: IngestRouteDependencies): void {
  app.post(
    '/api/v1/ingest/events',
    { bodyLimit: MAX_INGEST_BYTES, onRequest: ingestionKeyHook(deps.auth) },
    async (request, reply) => {
      const principal = ingestionPrincipalOf(request);
      const body = parseInput(ingestBodySchema, request.body);
      const events = Array.isArray(body) ? body : body.events;
      if (events.length > MAX_EVENTS_PER_REQUEST) {
        throw new AppError(
          413,
          'too_many_events',
          `At most ${MAX_EVENTS_PER_REQUEST} events per request (got ${events.length})`,
        );
      }
      const result = await deps.ingestion.ingest(principal.orgId, events, 'rest');
      const status = statusOf(result);
      if (status === 400) {
        throw new AppError(400, 'no_valid_events', 'No event in the batch was valid', {
          details: { ...result },
        });
      }
      return reply.status(status).send(result);
    },
  );
}
