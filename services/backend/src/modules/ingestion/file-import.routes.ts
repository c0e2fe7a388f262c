import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { toErrorResponse } from '@netra/shared';
import { parseInput } from '@netra/shared/http';
import { ingestionKeyHook, ingestionPrincipalOf, type IngestionAuthDependencies } from './ingestion-auth.js';
import type { BillingService } from '#modules/billing/billing.service.js';
import { importFile, type UploadUpdate } from './file-import.service.js';
import type { IngestionService } from './ingest.service.js';
import type { z } from 'zod';
import { FILE_IMPORT_LIMITS, fileImportQuerySchema } from './file-import.schema.js';

export interface FileImportRouteDependencies {
  ingestion: IngestionService;
  billing: BillingService;
  auth: IngestionAuthDependencies;
}

/** NDJSON lines of the updates; a failure after the first line becomes a final `error` line. */
async function* ndjson(first: UploadUpdate, rest: AsyncGenerator<UploadUpdate>): AsyncGenerator<string> {
  yield `${JSON.stringify(first)}\n`;
  try {
    for await (const update of rest) {
      yield `${JSON.stringify(update)}\n`;
    }
  } catch (error) {
    yield `${JSON.stringify({ type: 'error', ...toErrorResponse(error).body.error })}\n`;
  }
}

/** The reader options a validated query asks for (absent parameters stay absent), within the upload limits. */
function readerOptions(query: z.output<typeof fileImportQuerySchema>) {
  return {
    format: query.format,
    limits: FILE_IMPORT_LIMITS,
    ...(query.map === undefined ? {} : { map: query.map }),
    ...(query.model === undefined ? {} : { model: query.model }),
    ...(query.provider === undefined ? {} : { provider: query.provider }),
    ...(query.timestamp_base === undefined ? {} : { timestampBase: query.timestamp_base }),
  };
}

function registerUpload(scope: FastifyInstance, deps: FileImportRouteDependencies): void {
  // The body is streamed, so Fastify never applies bodyLimit itself: the reader counts the bytes, and
  // a compressed body stops decompressing past it (decodeCompressedBodies reads the route's bodyLimit).
  const options = { bodyLimit: FILE_IMPORT_LIMITS.bytes, onRequest: ingestionKeyHook(deps.auth) };
  scope.post('/api/v1/ingest/files', options, async (request, reply) => {
    const principal = ingestionPrincipalOf(request);
    const query = parseInput(fileImportQuerySchema, request.query, 'query');
    // A request without a body (and so without a content type) reaches here with none: an empty file.
    const file = (request.body as Readable | undefined) ?? Readable.from([]);
    const updates = importFile(deps, principal.orgId, file, readerOptions(query));
    // The first update decides the status: a file that cannot be read at all is a plain 4xx.
    const first = await updates.next();
    if (first.done === true) {
      throw new Error('file import ended without a summary');
    }
    return reply.type('application/x-ndjson').send(Readable.from(ndjson(first.value, updates)));
  });
}

/**
 * `POST /api/v1/ingest/files?format=&map=&model=&provider=&timestamp_base=`: the request body is the
 * file (CSV, JSONL or JSON; gzip allowed), streamed — never buffered whole. The answer streams NDJSON:
 * `progress` lines after each batch, then `done` with every refused line number and reason. A cost
 * export (OpenAI Costs API or cost CSV, Anthropic cost report) is stored as billed cost, for
 * reconciliation, and its lines say `kind: "billed_cost"` and the dollars billed; usage says `kind: "usage"`.
 */
export function registerFileImportRoutes(app: FastifyInstance, deps: FileImportRouteDependencies): void {
  void app.register((scope, _options, done) => {
    // Any content type: the body is handed over as a stream and the format reader decides.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => {
      parsed(null, payload);
    });
    registerUpload(scope, deps);
    done();
  });
}
