import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { ThreadsService } from './threads.service.js';
import {
  createMessageBodySchema,
  createThreadBodySchema,
  messageSchema,
  pageQuerySchema,
  pageSchema,
  presentMessage,
  presentThread,
  threadListQuerySchema,
  threadParamsSchema,
  threadSchema,
  updateThreadBodySchema,
} from './threads.schema.js';

const tags = ['threads'];

/** Threads of an organization and their messages. */
export function registerThreadRoutes(app: FastifyInstance, threads: ThreadsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/threads',
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'Threads, most recently active first; `q` searches titles and messages',
        params: orgParamsSchema,
        querystring: threadListQuerySchema,
        response: { 200: pageSchema(threadSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await threads.list(orgPrincipalOf(request).orgId, request.query);
      return { items: page.items.map(presentThread), next_cursor: page.nextCursor };
    },
  );
  api.post(
    '/api/v1/orgs/:org_id/threads',
    {
      ...orgAccess('member'),
      schema: {
        tags,
        params: orgParamsSchema,
        body: createThreadBodySchema,
        response: { 201: threadSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentThread(await threads.create(orgPrincipalOf(request), request.body.title))),
  );
  registerThreadItemRoutes(app, threads);
  registerMessageRoutes(app, threads);
}

function registerThreadItemRoutes(app: FastifyInstance, threads: ThreadsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/v1/orgs/:org_id/threads/:id';
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: { tags, params: threadParamsSchema, response: { 200: threadSchema, ...ERROR_RESPONSES } },
    },
    async (request) => presentThread(await threads.get(orgPrincipalOf(request).orgId, request.params.id)),
  );
  api.patch(
    path,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Rename (author or admin)',
        params: threadParamsSchema,
        body: updateThreadBodySchema,
        response: { 200: threadSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentThread(await threads.rename(orgPrincipalOf(request), request.params.id, request.body.title)),
  );
  api.delete(
    path,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Delete (author or admin)',
        params: threadParamsSchema,
        response: { 204: noContent, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await threads.remove(orgPrincipalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function registerMessageRoutes(app: FastifyInstance, threads: ThreadsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/v1/orgs/:org_id/threads/:id/messages';
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'Messages, oldest first',
        params: threadParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(messageSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await threads.listMessages(
        orgPrincipalOf(request).orgId,
        request.params.id,
        request.query,
      );
      return { items: page.items.map(presentMessage), next_cursor: page.nextCursor };
    },
  );
  api.post(
    path,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Post a message',
        params: threadParamsSchema,
        body: createMessageBodySchema,
        response: { 201: messageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentMessage(
            await threads.postMessage(orgPrincipalOf(request), request.params.id, request.body.content),
          ),
        ),
  );
}
