import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { meSchema } from '@netra/shared/contracts';
import { userAccess } from '#platform/http/access.js';
import { principalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { presentOrganization } from '#modules/organizations/organizations.schema.js';
import type { OrganizationsService } from '#modules/organizations/organizations.service.js';

/** `GET /api/v1/me`: who you are and the organizations you belong to, with your role in each. */
export function registerMeRoutes(app: FastifyInstance, organizations: OrganizationsService): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/v1/me',
      { ...userAccess, schema: { tags: ['me'], response: { 200: meSchema, ...ERROR_RESPONSES } } },
      async (request) => {
        const principal = principalOf(request);
        const orgs = await organizations.listMine(principal.userId);
        return {
          user: { id: principal.userId, email: principal.email, name: principal.name },
          organizations: orgs.map(presentOrganization),
        };
      },
    );
}
