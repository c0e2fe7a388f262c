import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgAccess, userAccess } from '#platform/http/access.js';
import { orgPrincipalOf, principalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import type { OrganizationsService } from './organizations.service.js';
import {
  createOrganizationBodySchema,
  memberParamsSchema,
  memberSchema,
  orgParamsSchema,
  organizationSchema,
  presentMember,
  presentOrganization,
  updateMemberBodySchema,
  updateOrganizationBodySchema,
} from './organizations.schema.js';

const tags = ['organizations'];
const organizationList = z.object({ items: z.array(organizationSchema), next_cursor: z.null() });

/** `/api/v1/orgs`, one organization, and its members. */
export function registerOrganizationRoutes(app: FastifyInstance, organizations: OrganizationsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs',
    {
      ...userAccess,
      schema: {
        tags,
        summary: 'Organizations you belong to',
        response: { 200: organizationList, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await organizations.listMine(principalOf(request).userId)).map(presentOrganization),
      next_cursor: null,
    }),
  );
  api.post(
    '/api/v1/orgs',
    {
      ...userAccess,
      schema: {
        tags,
        summary: 'Create an organization (you become its owner)',
        body: createOrganizationBodySchema,
        response: { 201: organizationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentOrganization(await organizations.create(principalOf(request), request.body))),
  );
  api.get(
    '/api/v1/orgs/:org_id',
    {
      ...orgAccess('viewer'),
      schema: { tags, params: orgParamsSchema, response: { 200: organizationSchema, ...ERROR_RESPONSES } },
    },
    async (request) => presentOrganization(await organizations.get(orgPrincipalOf(request))),
  );
  api.patch(
    '/api/v1/orgs/:org_id',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Rename',
        params: orgParamsSchema,
        body: updateOrganizationBodySchema,
        response: { 200: organizationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => presentOrganization(await organizations.update(orgPrincipalOf(request), request.body)),
  );
  registerMemberRoutes(app, organizations);
}

function registerMemberRoutes(app: FastifyInstance, organizations: OrganizationsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const memberTags = ['members'];
  api.get(
    '/api/v1/orgs/:org_id/members',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: memberTags,
        params: orgParamsSchema,
        response: {
          200: z.object({ items: z.array(memberSchema), next_cursor: z.null() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => ({
      items: (await organizations.listMembers(orgPrincipalOf(request).orgId)).map(presentMember),
      next_cursor: null,
    }),
  );
  api.patch(
    '/api/v1/orgs/:org_id/members/:user_id',
    {
      ...orgAccess('admin'),
      schema: {
        tags: memberTags,
        summary: 'Change a role (owners grant and take ownership)',
        params: memberParamsSchema,
        body: updateMemberBodySchema,
        response: { 200: memberSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentMember(
        await organizations.changeRole(orgPrincipalOf(request), request.params.user_id, request.body.role),
      ),
  );
  api.delete(
    '/api/v1/orgs/:org_id/members/:user_id',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: memberTags,
        summary: 'Remove a member, or leave',
        params: memberParamsSchema,
        response: { 204: noContent, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await organizations.remove(orgPrincipalOf(request), request.params.user_id);
      return reply.status(204).send(null);
    },
  );
}
