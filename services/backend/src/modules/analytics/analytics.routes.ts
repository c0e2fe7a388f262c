import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { AnalyticsService } from './analytics.service.js';
import {
  spendAnswerSchema,
  spendQuerySchema,
  spendSummarySchema,
  summaryQuerySchema,
} from './analytics.schema.js';

/** Spend analytics of an organization, for anyone who may read it. */
export function registerAnalyticsRoutes(app: FastifyInstance, analytics: AnalyticsService): void {
  registerSpendRoute(app, analytics);
  registerSummaryRoute(app, analytics);
}

function registerSpendRoute(app: FastifyInstance, analytics: AnalyticsService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org_id/analytics/spend',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: ['analytics'],
        summary:
          'Spend, requests and tokens per hour, day or week bucket, optionally grouped by model, provider, ' +
          'feature, user_id, environment, a tag (`tag:<key>`, tags written `<key>:<value>`) or a metadata key ' +
          '(`meta:<key>`), filtered on each of them and on status. At most 1,000 buckets; the `limit` largest ' +
          'groups are shown apart, the rest summed into one `other` series.',
        params: orgParamsSchema,
        querystring: spendQuerySchema,
        response: { 200: spendAnswerSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => analytics.spend(orgPrincipalOf(request).orgId, request.query),
  );
}

function registerSummaryRoute(app: FastifyInstance, analytics: AnalyticsService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org_id/analytics/summary',
    {
      ...orgAccess('viewer'),
      schema: {
        tags: ['analytics'],
        summary:
          'Totals of a window against the previous one of equal length, top cost drivers, cache-read share, ' +
          'billed error waste and the models nobody could price, with the same filters as the spend chart',
        params: orgParamsSchema,
        querystring: summaryQuerySchema,
        response: { 200: spendSummarySchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => analytics.summary(orgPrincipalOf(request).orgId, request.query),
  );
}
