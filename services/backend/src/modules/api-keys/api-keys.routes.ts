import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { ApiKeysService } from './api-keys.service.js';
import {
  apiKeyParamsSchema,
  apiKeySchema,
  createApiKeyBodySchema,
  createdApiKeySchema,
  presentApiKey,
} from './api-keys.schema.js';

const tags = ['api-keys'];

/** Ingestion keys of an organization: listed by prefix, created (shown once), revoked. Admins only. */
export function registerApiKeyRoutes(app: FastifyInstance, apiKeys: ApiKeysService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/api-keys',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        params: orgParamsSchema,
        response: {
          200: z.object({ items: z.array(apiKeySchema), next_cursor: z.null() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => ({
      items: (await apiKeys.list(orgPrincipalOf(request).orgId)).map(presentApiKey),
      next_cursor: null,
    }),
  );
  api.post(
    '/api/v1/orgs/:org_id/api-keys',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Create an ingestion key; the key is shown only in this response',
        params: orgParamsSchema,
        body: createApiKeyBodySchema,
        response: { 201: createdApiKeySchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const actor = orgPrincipalOf(request);
      const { key, row } = await apiKeys.create(actor.orgId, request.body.name, actor.userId);
      return reply.status(201).send({ ...presentApiKey(row), key });
    },
  );
  api.delete(
    '/api/v1/orgs/:org_id/api-keys/:id',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Revoke',
        params: apiKeyParamsSchema,
        response: { 204: noContent, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await apiKeys.revokeById(orgPrincipalOf(request).orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
