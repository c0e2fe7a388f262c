import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import { usageExportBodySchema, usageExportQuerySchema } from './usage-export.schema.js';
import type { UsageExportService } from './usage-export.service.js';

const ROUTE_SCHEMA = {
  tags: ['usage'],
  summary:
    'Usage of a period as CSV: the stored events (`format=csv`) or FinOps FOCUS rows per day × provider × ' +
    'model × feature × token kind (`format=focus`), streamed',
  params: orgParamsSchema,
  querystring: usageExportQuerySchema,
  response: { 200: usageExportBodySchema, ...ERROR_RESPONSES },
};

/** The usage export of an organization (viewer and up), streamed as a CSV attachment. */
export function registerUsageExportRoutes(app: FastifyInstance, exports: UsageExportService): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/v1/orgs/:org_id/usage/export',
      { ...orgAccess('viewer'), schema: ROUTE_SCHEMA },
      async (request, reply) => {
        const exported = exports.export(orgPrincipalOf(request).orgId, request.query);
        return (
          reply
            .type(exported.contentType)
            .header('content-disposition', `attachment; filename="${exported.filename}"`)
            // One chunk (a page) is read ahead at most: a slow reader holds back the queries, not memory.
            // Fastify sends a stream as it comes; the 200 schema documents its text for /openapi.json.
            .send(Readable.from(exported.body, { highWaterMark: 1 }) as unknown as string)
        );
      },
    );
}
