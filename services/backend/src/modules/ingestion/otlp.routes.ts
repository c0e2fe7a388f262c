import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ingestionKeyHook, ingestionPrincipalOf, type IngestionAuthDependencies } from './ingestion-auth.js';
import type { IngestionService } from './ingest.service.js';
import { encodeExportResponse, exportResponseJson, type PartialSuccess } from './otlp/otlp-response.js';
import { convertOtlpTraces, type OtlpConversion } from './otlp/otlp-traces.js';
import { MAX_INGEST_BYTES } from './ingest.schema.js';

export interface OtlpRouteDependencies {
  ingestion: IngestionService;
  auth: IngestionAuthDependencies;
}

/**
 * Describes refused spans for the exporter (OTLP partial success), or undefined when all went in.
 * Model calls without usage are not refused but not stored either: the specification lets a
 * server put a warning in `error_message` with `rejected_spans` 0, which exporters log.
 */
function partialSuccess(
  conversion: OtlpConversion,
  refused: { index: number; field: string; reason: string }[],
) {
  const problems = [
    ...conversion.rejected.map((span) => `span ${span.index}: ${span.field}: ${span.reason}`),
    ...refused.map((record) => `span ${record.index}: ${record.field}: ${record.reason}`),
  ];
  const warnings = conversion.noUsage.map(
    (span) => `span ${span.index} (${span.name}): a model call without token usage, not stored`,
  );
  const messages = [...problems, ...warnings];
  if (messages.length === 0) {
    return undefined;
  }
  const shown = messages.slice(0, 20).join('; ');
  const more = messages.length > 20 ? ` (and ${messages.length - 20} more)` : '';
  return { rejectedSpans: problems.length, errorMessage: `${shown}${more}` } satisfies PartialSuccess;
}

/** Spans that gave no record without being refused. */
function skippedSpans(conversion: OtlpConversion): number {
  return conversion.nonGenAi + conversion.notModelCall + conversion.wrappers + conversion.noUsage.length;
}

/** Converts and ingests one export request; refused records are reported by span position. */
async function exportSpans(deps: OtlpRouteDependencies, orgId: string, body: unknown, contentType: string) {
  const conversion = convertOtlpTraces(body, contentType);
  const records = conversion.records.map((entry) => entry.record);
  const result = await deps.ingestion.ingest(orgId, records, 'otlp');
  // Ingestion numbers refused records by their position among the model-call spans; report span positions.
  const refused = result.rejected.map((rejection) => ({
    ...rejection,
    index: conversion.records[rejection.index]?.index ?? rejection.index,
  }));
  return { conversion, result, partial: partialSuccess(conversion, refused) };
}

function acceptProtobufBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-protobuf',
    { parseAs: 'buffer', bodyLimit: MAX_INGEST_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );
}

/** The OTLP response in the request's encoding: protobuf for protobuf, JSON otherwise. */
function sendExportResponse(reply: FastifyReply, contentType: string, partial: PartialSuccess | undefined) {
  if (contentType.startsWith('application/x-protobuf')) {
    return reply.type('application/x-protobuf').send(Buffer.from(encodeExportResponse(partial)));
  }
  return reply.send(exportResponseJson(partial));
}

/** Logs the export's outcome and says in headers what became of its spans. */
function reportExport(
  request: FastifyRequest,
  reply: FastifyReply,
  conversion: OtlpConversion,
  accepted: number,
  partial: PartialSuccess | undefined,
): void {
  const skipped = skippedSpans(conversion);
  const noUsage = conversion.noUsage.length;
  const refused = partial?.rejectedSpans ?? 0;
  request.log.info({ spans: conversion.spans, accepted, skipped, noUsage, refused }, 'otlp export');
  void reply
    .header('x-netra-accepted-spans', String(accepted))
    .header('x-netra-skipped-spans', String(skipped))
    .header('x-netra-wrapper-spans', String(conversion.wrappers))
    .header('x-netra-no-usage-spans', String(noUsage));
}

/** `POST /v1/traces`: OTLP/HTTP trace exports (protobuf or JSON); GenAI model-call spans become usage events. */
export function registerOtlpRoutes(app: FastifyInstance, deps: OtlpRouteDependencies): void {
  acceptProtobufBodies(app);
  app.post(
    '/v1/traces',
    { bodyLimit: MAX_INGEST_BYTES, onRequest: ingestionKeyHook(deps.auth) },
    async (request, reply) => {
      const principal = ingestionPrincipalOf(request);
      const contentType = request.headers['content-type'] ?? '';
      const { conversion, result, partial } = await exportSpans(
        deps,
        principal.orgId,
        request.body,
        contentType,
      );
      reportExport(request, reply, conversion, result.accepted, partial);
      return sendExportResponse(reply, contentType, partial);
    },
  );
}
