import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import type { RunsService } from './runs.service.js';
import {
  pageQuerySchema,
  pageSchema,
  presentRun,
  runEventsPageSchema,
  runEventsQuerySchema,
  runParamsSchema,
  runSchema,
  startRunBodySchema,
  threadRunsParamsSchema,
} from './runs.schema.js';

const tags = ['runs'];

/** Agent runs (ARCHITECTURE §3, §4.5): started on a thread, read, cancelled, their events replayed. */
export function registerRunRoutes(app: FastifyInstance, runs: RunsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const threadRuns = '/api/v1/orgs/:org_id/threads/:thread_id/runs';
  api.post(
    threadRuns,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Post a message and start a run answering it',
        params: threadRunsParamsSchema,
        body: startRunBodySchema,
        response: { 202: runSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const run = await runs.start(orgPrincipalOf(request), request.params.thread_id, request.body.text);
      return reply.status(202).send(presentRun(run));
    },
  );
  api.get(
    threadRuns,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'Runs of a thread, newest first',
        params: threadRunsParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(runSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { orgId } = orgPrincipalOf(request);
      const page = await runs.listOfThread(orgId, request.params.thread_id, request.query);
      return { items: page.items.map(presentRun), next_cursor: page.nextCursor };
    },
  );
  registerRunItemRoutes(app, runs);
}

function registerRunItemRoutes(app: FastifyInstance, runs: RunsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/v1/orgs/:org_id/runs/:run_id';
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: { tags, params: runParamsSchema, response: { 200: runSchema, ...ERROR_RESPONSES } },
    },
    async (request) => presentRun(await runs.get(orgPrincipalOf(request).orgId, request.params.run_id)),
  );
  api.post(
    `${path}/cancel`,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Stop the run (409 `run_ended` once it has ended)',
        params: runParamsSchema,
        response: { 202: runSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const run = await runs.cancel(orgPrincipalOf(request).orgId, request.params.run_id);
      return reply.status(202).send(presentRun(run));
    },
  );
  api.get(
    `${path}/events`,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'The run’s events after `after_seq`, in order (exact replay)',
        params: runParamsSchema,
        querystring: runEventsQuerySchema,
        response: { 200: runEventsPageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => runs.events(orgPrincipalOf(request).orgId, request.params.run_id, request.query),
  );
}
