import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BillingService } from './billing.service.js';
import { reconciliationQuerySchema, reconciliationSchema, toDayRange } from './billing.schema.js';

/** Bill reconciliation of an organization (cost exports arrive through `POST /api/v1/ingest/files`). */
export function registerBillingRoutes(app: FastifyInstance, billing: BillingService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org_id/reconciliation',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: ['billing'],
        summary:
          "Billed cost (uploaded cost exports) against Netra's cost of the usage, per day × provider × model " +
          '(× project): the gap in dollars and percent, and what either side is missing',
        params: orgParamsSchema,
        querystring: reconciliationQuerySchema,
        response: { 200: reconciliationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => billing.reconcile(orgPrincipalOf(request).orgId, toDayRange(request.query)),
  );
}
