import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toErrorResponse } from '@netra/shared';
import { parseInput } from '@netra/shared/http';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { decodeCompressedBodies } from '#platform/http/request-decoding.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import { ingestionKeyHook, ingestionPrincipalOf, type IngestionAuthDependencies } from './ingestion-auth.js';
import type { BillingService } from '#modules/billing/billing.service.js';
import { importFile, type ImportTargets, type UploadUpdate } from './file-import.service.js';
import type { IngestionService } from './ingest.service.js';
import type { z } from 'zod';
import { FILE_IMPORT_LIMITS, fileImportQuerySchema, fileImportUpdatesSchema } from './file-import.schema.js';

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

/**
 * Imports the streamed body into the organization and answers with the NDJSON updates. Both upload
 * routes end here, so the key's and the signed-in member's uploads behave alike line for line.
 */
async function answerUpload(
  targets: ImportTargets,
  orgId: string,
  upload: { body: unknown; query: z.output<typeof fileImportQuerySchema> },
  reply: FastifyReply,
): Promise<FastifyReply> {
  // A request without a body (and so without a content type) reaches here with none: an empty file.
  const file = (upload.body as Readable | undefined) ?? Readable.from([]);
  const updates = importFile(targets, orgId, file, readerOptions(upload.query));
  // The first update decides the status: a file that cannot be read at all is a plain 4xx.
  const first = await updates.next();
  if (first.done === true) {
    throw new Error('file import ended without a summary');
  }
  return reply.type('application/x-ndjson').send(Readable.from(ndjson(first.value, updates)));
}

// The body is streamed, so Fastify never applies bodyLimit itself: the reader counts the bytes, and
// a compressed body stops decompressing past it (decodeCompressedBodies reads the route's bodyLimit).
const UPLOAD_BODY_LIMIT = { bodyLimit: FILE_IMPORT_LIMITS.bytes };

function registerKeyUpload(scope: FastifyInstance, deps: FileImportRouteDependencies): void {
  const options = { ...UPLOAD_BODY_LIMIT, onRequest: ingestionKeyHook(deps.auth) };
  scope.post('/api/v1/ingest/files', options, async (request, reply) => {
    const query = parseInput(fileImportQuerySchema, request.query, 'query');
    return answerUpload(deps, ingestionPrincipalOf(request).orgId, { body: request.body, query }, reply);
  });
}

const MEMBER_UPLOAD_SCHEMA = {
  tags: ['ingestion'],
  summary:
    'Upload a usage file or cost export (CSV, JSONL or JSON; gzip allowed; at most 512 MiB, 2,000,000 lines ' +
    'decompressed) as a signed-in member; the body is the file, the answer streams NDJSON progress and ' +
    'per-line errors, as `POST /api/v1/ingest/files` does for an ingestion key',
  params: orgParamsSchema,
  querystring: fileImportQuerySchema,
  response: { 200: fileImportUpdatesSchema, ...ERROR_RESPONSES },
};

function registerMemberUpload(scope: FastifyInstance, targets: ImportTargets): void {
  // The user routes take no compressed bodies; this one does, as the ingestion scope's routes do.
  decodeCompressedBodies(scope);
  scope
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/api/v1/orgs/:org_id/ingest/files',
      { ...UPLOAD_BODY_LIMIT, ...orgAccess('member'), schema: MEMBER_UPLOAD_SCHEMA },
      async (request, reply) => {
        const upload = { body: request.body, query: request.query };
        return answerUpload(targets, orgPrincipalOf(request).orgId, upload, reply);
      },
    );
}

/** A scope whose bodies arrive as streams, whatever their content type: the format reader decides. */
function registerStreamedUploadScope(app: FastifyInstance, register: (scope: FastifyInstance) => void): void {
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => {
      parsed(null, payload);
    });
    register(scope);
    done();
  });
}

/**
 * `POST /api/v1/ingest/files?format=&map=&model=&provider=&timestamp_base=`: the request body is the
 * file (CSV, JSONL or JSON; gzip allowed), streamed — never buffered whole. The answer streams NDJSON:
 * `progress` lines after each batch, then `done` with every refused line number and reason. A cost
 * export (OpenAI Costs API or cost CSV, Anthropic cost report) is stored as billed cost, for
 * reconciliation, and its lines say `kind: "billed_cost"` and the dollars billed; usage says `kind: "usage"`.
 * Registered in the ingestion scope: the ingestion key names the organization.
 */
export function registerFileImportRoutes(app: FastifyInstance, deps: FileImportRouteDependencies): void {
  registerStreamedUploadScope(app, (scope) => {
    registerKeyUpload(scope, deps);
  });
}

/**
 * `POST /api/v1/orgs/{org_id}/ingest/files?…`: the same upload for a signed-in member (or above) of the
 * organization in the path — the web app's upload, with the user's access token instead of an
 * ingestion key. Registered among the user routes: the guard checks the token and role (401, 403, 404)
 * before the body is read.
 */
export function registerMemberFileImportRoutes(app: FastifyInstance, targets: ImportTargets): void {
  registerStreamedUploadScope(app, (scope) => {
    registerMemberUpload(scope, targets);
  });
}
