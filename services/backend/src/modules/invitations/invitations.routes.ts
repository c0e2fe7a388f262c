import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgAccess, userAccess } from '#platform/http/access.js';
import { orgPrincipalOf, principalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema, presentOrganization } from '#modules/organizations/organizations.schema.js';
import type { InvitationsService } from './invitations.service.js';
import {
  acceptedInvitationSchema,
  createInvitationBodySchema,
  createdInvitationSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationSchema,
  presentInvitation,
  tokenParamsSchema,
} from './invitations.schema.js';

const tags = ['invitations'];

/** Invitations of an organization (admins), and accepting one (the invitee). */
export function registerInvitationRoutes(app: FastifyInstance, invitations: InvitationsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/invitations',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        params: orgParamsSchema,
        response: {
          200: z.object({ items: z.array(invitationSchema), next_cursor: z.null() }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request) => ({
      items: (await invitations.list(orgPrincipalOf(request).orgId)).map((row) => presentInvitation(row)),
      next_cursor: null,
    }),
  );
  api.post(
    '/api/v1/orgs/:org_id/invitations',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Invite someone by email; the token is shown only in this response',
        params: orgParamsSchema,
        body: createInvitationBodySchema,
        response: { 201: createdInvitationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { row, token } = await invitations.create(orgPrincipalOf(request), request.body);
      return reply.status(201).send({ ...presentInvitation(row), token });
    },
  );
  api.delete(
    '/api/v1/orgs/:org_id/invitations/:id',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Revoke',
        params: invitationParamsSchema,
        response: { 204: noContent, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await invitations.revoke(orgPrincipalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  api.get(
    '/api/v1/invitations/:token',
    {
      ...userAccess,
      schema: {
        tags,
        summary: 'What an invitation link offers: the organization, the invited email and role, its status',
        params: tokenParamsSchema,
        response: { 200: invitationPreviewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => invitations.preview(request.params.token),
  );
  api.post(
    '/api/v1/invitations/:token/accept',
    {
      ...userAccess,
      schema: {
        tags,
        summary: 'Accept an invitation sent to your email',
        params: tokenParamsSchema,
        response: { 200: acceptedInvitationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      organization: presentOrganization(await invitations.accept(principalOf(request), request.params.token)),
    }),
  );
}
