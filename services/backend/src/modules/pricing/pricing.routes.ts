import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { PricingService } from './pricing.service.js';
import type { RepriceService } from './reprice.service.js';
import {
  createPriceOverrideBodySchema,
  presentPriceOverride,
  priceOverrideParamsSchema,
  priceOverrideResponseSchema,
  repriceBodySchema,
  repriceResponseSchema,
  updatePriceOverrideBodySchema,
} from './pricing.schema.js';

const tags = ['pricing'];
const overrideListSchema = z.object({ items: z.array(priceOverrideResponseSchema), next_cursor: z.null() });
const path = '/api/v1/orgs/:org_id/price-overrides';

/** Price overrides: viewers read them, admins write them; what-if re-pricing for viewers. */
export function registerPricingRoutes(
  app: FastifyInstance,
  services: { pricing: PricingService; reprice: RepriceService },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { pricing } = services;
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        params: orgParamsSchema,
        response: { 200: overrideListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await pricing.list(orgPrincipalOf(request).orgId)).map(presentPriceOverride),
      next_cursor: null,
    }),
  );
  registerOverrideWrites(app, pricing);
  registerRepriceRoute(app, services.reprice);
}

/** Admins add, change and delete overrides; an id of another organization answers 404. */
function registerOverrideWrites(app: FastifyInstance, pricing: PricingService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    path,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary: 'Add a price override in force over [effective_from, effective_to)',
        params: orgParamsSchema,
        body: createPriceOverrideBodySchema,
        response: { 201: priceOverrideResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const row = await pricing.create(orgPrincipalOf(request), request.body);
      return reply.status(201).send(presentPriceOverride(row));
    },
  );
  registerOverrideChanges(app, pricing);
}

function registerOverrideChanges(app: FastifyInstance, pricing: PricingService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.patch(
    `${path}/:id`,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        params: priceOverrideParamsSchema,
        body: updatePriceOverrideBodySchema,
        response: { 200: priceOverrideResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      presentPriceOverride(
        await pricing.update(orgPrincipalOf(request).orgId, request.params.id, request.body),
      ),
  );
  registerOverrideDelete(app, pricing);
}

function registerOverrideDelete(app: FastifyInstance, pricing: PricingService): void {
  app.withTypeProvider<ZodTypeProvider>().delete(
    `${path}/:id`,
    {
      ...orgAccess('admin'),
      schema: { tags, params: priceOverrideParamsSchema, response: { 204: noContent, ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      await pricing.remove(orgPrincipalOf(request).orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** Viewers may ask: the answer changes nothing stored. */
function registerRepriceRoute(app: FastifyInstance, reprice: RepriceService): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/orgs/:org_id/reprice',
    {
      ...orgAccess('viewer'),
      schema: {
        tags,
        summary: 'What a period would have cost under other prices or models (nothing stored changes)',
        params: orgParamsSchema,
        body: repriceBodySchema,
        response: { 200: repriceResponseSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => reprice.reprice(orgPrincipalOf(request).orgId, request.body),
  );
}
