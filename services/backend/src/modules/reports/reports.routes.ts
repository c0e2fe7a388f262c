import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { ReportsService } from './reports.service.js';
import {
  pageSchema,
  presentReportListItem,
  reportExportQuerySchema,
  reportFileSchema,
  reportListItemSchema,
  reportListQuerySchema,
  reportParamsSchema,
  runReportSchema,
} from './reports.schema.js';

const tags = ['reports'];

/** The reports of an organization's agent runs: every member reads and exports them. */
export function registerReportRoutes(app: FastifyInstance, reports: ReportsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/reports',
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'Reports of agent runs, newest first; `thread_id` keeps one thread’s',
        params: orgParamsSchema,
        querystring: reportListQuerySchema,
        response: { 200: pageSchema(reportListItemSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await reports.list(orgPrincipalOf(request).orgId, request.query);
      return { items: page.items.map(presentReportListItem), next_cursor: page.nextCursor };
    },
  );
  registerReportItem(app, reports);
  registerReportExport(app, reports);
}

function registerReportItem(app: FastifyInstance, reports: ReportsService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org_id/reports/:id',
    {
      ...orgAccess('viewer'),
      schema: { tags, params: reportParamsSchema, response: { 200: runReportSchema, ...ERROR_RESPONSES } },
    },
    async (request) => reports.get(orgPrincipalOf(request).orgId, request.params.id),
  );
}

const EXPORT_SCHEMA = {
  tags,
  summary: 'The report as a file: Markdown, JSON or a print-ready HTML page',
  params: reportParamsSchema,
  querystring: reportExportQuerySchema,
  response: { 200: reportFileSchema, ...ERROR_RESPONSES },
};

function registerReportExport(app: FastifyInstance, reports: ReportsService): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/v1/orgs/:org_id/reports/:id/export',
      { ...orgAccess('viewer'), schema: EXPORT_SCHEMA },
      async (request, reply) => {
        const file = await reports.export(
          orgPrincipalOf(request).orgId,
          request.params.id,
          request.query.format,
        );
        // A Buffer is sent as it is: the 200 schema only documents the file for /openapi.json.
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(Buffer.from(file.body, 'utf8') as unknown as string);
      },
    );
}
