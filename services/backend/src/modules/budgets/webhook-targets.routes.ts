import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetsService } from './budgets.service.js';
import {
  createdWebhookTargetSchema,
  createWebhookBodySchema,
  presentDeliveryOutcome,
  presentWebhook,
  updateWebhookBodySchema,
  webhookParamsSchema,
  webhookTargetListSchema,
  webhookTargetSchema,
  webhookTestResultSchema,
} from './budgets.schema.js';

const tags = ['settings'];
const listPath = '/api/v1/orgs/:org_id/settings/webhooks';
const itemPath = `${listPath}/:id`;

/** `GET/POST …/settings/webhooks`, `PATCH/DELETE …/settings/webhooks/{id}`, `POST …/{id}/test`. */
export function registerWebhookRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    listPath,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        params: orgParamsSchema,
        response: { 200: webhookTargetListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await budgets.listWebhooks(orgPrincipalOf(request).orgId)).map(presentWebhook),
    }),
  );
  api.post(
    listPath,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary:
          'A target alerts are POSTed to (generic JSON or Slack-compatible), signed with HMAC-SHA256 in ' +
          'X-Netra-Signature; the secret is shown only in this answer',
        params: orgParamsSchema,
        body: createWebhookBodySchema,
        response: { 201: createdWebhookTargetSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const row = await budgets.createWebhook(orgPrincipalOf(request), request.body);
      return reply.status(201).send({ ...presentWebhook(row), secret: row.secret });
    },
  );
  registerWebhookItemRoutes(app, budgets);
}

function registerWebhookItemRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.patch(
    itemPath,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Changes the URL, switches the target on or off, or picks the alert kinds it receives',
        params: webhookParamsSchema,
        body: updateWebhookBodySchema,
        response: { 200: webhookTargetSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { orgId } = orgPrincipalOf(request);
      return presentWebhook(await budgets.updateWebhook(orgId, request.params.id, request.body));
    },
  );
  api.post(
    `${itemPath}/test`,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary:
          'Sends a signed test body (`type: "netra.test"`) to the target now and answers how it went; ' +
          'a target that fails answers 200 with `delivered: false`, its status and the reason',
        params: webhookParamsSchema,
        response: { 200: webhookTestResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { orgId } = orgPrincipalOf(request);
      return presentDeliveryOutcome(await budgets.testWebhook(orgId, request.params.id));
    },
  );
  api.delete(
    itemPath,
    {
      ...orgAccess('admin'),
      schema: { tags, params: webhookParamsSchema, response: { 204: noContent, ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      await budgets.deleteWebhook(orgPrincipalOf(request).orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
