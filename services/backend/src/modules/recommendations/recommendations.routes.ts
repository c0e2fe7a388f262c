import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { RecommendationsService } from './recommendations.service.js';
import {
  pageSchema,
  recommendationListQuerySchema,
  recommendationParamsSchema,
  recommendationSchema,
  updateRecommendationBodySchema,
} from './recommendations.schema.js';

const tags = ['recommendations'];
const itemPath = '/api/v1/orgs/:org_id/recommendations/:id';

/** Recommendations of the organization's reports: viewers read them, members mark them. */
export function registerRecommendationRoutes(
  app: FastifyInstance,
  recommendations: RecommendationsService,
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/orgs/:org_id/recommendations',
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'Recommendations, newest first, each applied one with its realized savings',
        params: orgParamsSchema,
        querystring: recommendationListQuerySchema,
        response: { 200: pageSchema(recommendationSchema), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const page = await recommendations.list(orgPrincipalOf(request).orgId, request.query);
      return { items: page.items, next_cursor: page.nextCursor };
    },
  );
  registerRecommendationItem(app, recommendations);
  registerRecommendationUpdate(app, recommendations);
}

function registerRecommendationItem(app: FastifyInstance, recommendations: RecommendationsService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    itemPath,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        params: recommendationParamsSchema,
        response: { 200: recommendationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => recommendations.get(orgPrincipalOf(request).orgId, request.params.id),
  );
}

function registerRecommendationUpdate(app: FastifyInstance, recommendations: RecommendationsService): void {
  app.withTypeProvider<ZodTypeProvider>().patch(
    itemPath,
    {
      ...orgAccess('member'),
      schema: {
        tags,
        summary: 'Mark applied (on a date, not in the future), dismissed (with a reason) or back to proposed',
        params: recommendationParamsSchema,
        body: updateRecommendationBodySchema,
        response: { 200: recommendationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => recommendations.update(orgPrincipalOf(request).orgId, request.params.id, request.body),
  );
}
