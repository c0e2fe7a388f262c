/**
 * `POST /api/v1/orgs/{org_id}/demo-data`: loads the demo workload into the organization. A member
 * may, like any upload (ARCHITECTURE §4.5: members upload); it answers 201 with what was loaded,
 * or 409 `demo_data_present` when the organization already holds demo data.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { DemoService } from './demo.service.js';
import { demoDataLoadedSchema, loadDemoDataBodySchema } from './demo.schema.js';

export function registerDemoRoutes(app: FastifyInstance, demo: DemoService): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/orgs/:org_id/demo-data',
    {
      ...orgAccess('member'),
      schema: {
        tags: ['demo-data'],
        summary: 'Load a realistic demo usage workload (default 14 days, ending now); once per organization',
        params: orgParamsSchema,
        body: loadDemoDataBodySchema,
        response: { 201: demoDataLoadedSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const loaded = await demo.load(orgPrincipalOf(request).orgId, request.body?.days);
      return reply.status(201).send(loaded);
    },
  );
}
