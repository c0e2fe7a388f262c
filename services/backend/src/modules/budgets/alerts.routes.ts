import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetsService } from './budgets.service.js';
import {
  alertSchema,
  createdWebhookSchema,
  createWebhookBodySchema,
  pageQuerySchema,
  pageSchema,
  presentAlert,
  presentWebhook,
  webhookListSchema,
  webhookParamsSchema,
} from './budgets.schema.js';

const settingsTags = ['settings'];

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

function registerWebhookRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/settings/webhooks',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: settingsTags,
        params: orgParamsSchema,
        response: { 200: webhookListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await budgets.listWebhooks(orgPrincipalOf(request).orgId)).map(presentWebhook),
    }),
  );
  api.post(
    '/api/v1/orgs/:org_id/settings/webhooks',
    {
      ...orgAccess('admin'),
      schema: {
        tags: settingsTags,
        summary:
          'A target alerts are POSTed to (generic JSON or Slack-compatible), signed with HMAC-SHA256 in ' +
          'X-Netra-Signature; the secret is shown only in this answer',
        params: orgParamsSchema,
        body: createWebhookBodySchema,
        response: { 201: createdWebhookSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const row = await budgets.createWebhook(orgPrincipalOf(request), request.body);
      return reply.status(201).send({ ...presentWebhook(row), secret: row.secret });
    },
  );
  registerWebhookDelete(app, budgets);
}

function registerWebhookDelete(app: FastifyInstance, budgets: BudgetsService): void {
  app.withTypeProvider<ZodTypeProvider>().delete(
    '/api/v1/orgs/:org_id/settings/webhooks/:id',
    {
      ...orgAccess('admin'),
      schema: {
        tags: settingsTags,
        params: webhookParamsSchema,
        response: { 204: noContent, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await budgets.deleteWebhook(orgPrincipalOf(request).orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
