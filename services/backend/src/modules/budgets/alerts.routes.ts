import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetsService } from './budgets.service.js';
import { alertSchema, pageQuerySchema, pageSchema, presentAlert } from './budgets.schema.js';
import { registerWebhookRoutes } from './webhook-targets.routes.js';

/** Fired alerts, and the webhook targets they are delivered to. */
export function registerAlertRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/alerts',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: ['budgets'],
        summary:
          'Fired alerts, most recent first: budget thresholds crossed or forecast, spend and error anomalies',
        params: orgParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(alertSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await budgets.listAlerts(orgPrincipalOf(request).orgId, request.query);
      return { items: page.items.map(presentAlert), next_cursor: page.nextCursor };
    },
  );
  registerWebhookRoutes(app, budgets);
}
