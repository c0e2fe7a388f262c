import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { SettingsService } from './settings.service.js';
import { settingsSchema, updateSettingsBodySchema } from './settings.schema.js';

const tags = ['settings'];
const path = '/api/v1/orgs/:org_id/settings';

/** Data settings: viewers read them, admins change them. */
export function registerSettingsRoutes(app: FastifyInstance, settings: SettingsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: { tags, params: orgParamsSchema, response: { 200: settingsSchema, ...ERROR_RESPONSES } },
    },
    async (request) => settings.get(orgPrincipalOf(request).orgId),
  );
  api.patch(
    path,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Change usage retention (days; null keeps forever) or prompt-text storage',
        params: orgParamsSchema,
        body: updateSettingsBodySchema,
        response: { 200: settingsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => settings.update(orgPrincipalOf(request).orgId, request.body),
  );
}
