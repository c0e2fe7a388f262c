import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgAccess } from '#platform/http/access.js';
import { orgPrincipalOf } from '#platform/http/current-user.js';
import { ERROR_RESPONSES, noContent } from '#platform/http/openapi.js';
import { orgParamsSchema } from '#modules/organizations/organizations.schema.js';
import type { BudgetsService } from './budgets.service.js';
import {
  budgetListSchema,
  budgetParamsSchema,
  budgetSchema,
  createBudgetBodySchema,
  presentBudget,
  updateBudgetBodySchema,
} from './budgets.schema.js';

const tags = ['budgets'];

/** Monthly budgets of an organization: viewers read them, admins and owners manage them. */
export function registerBudgetRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/orgs/:org_id/budgets',
    {
      ...orgAccess('viewer'),
      schema: { tags, params: orgParamsSchema, response: { 200: budgetListSchema, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const rows = await budgets.listBudgets(orgPrincipalOf(request).orgId);
      return { items: (await Promise.all(rows.map((row) => budgets.withFigures(row)))).map(presentBudget) };
    },
  );
  registerBudgetCreate(app, budgets);
  registerBudgetItemRoutes(app, budgets);
  registerBudgetDelete(app, budgets);
}

function registerBudgetCreate(app: FastifyInstance, budgets: BudgetsService): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/orgs/:org_id/budgets',
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        summary:
          'A monthly budget in USD on the whole organization or one feature, model, provider, user or tag; ' +
          'alerts at each threshold percentage (default 50, 80, 100)',
        params: orgParamsSchema,
        body: createBudgetBodySchema,
        response: { 201: budgetSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const row = await budgets.createBudget(orgPrincipalOf(request), request.body);
      return reply.status(201).send(presentBudget(await budgets.withFigures(row)));
    },
  );
}

const itemPath = '/api/v1/orgs/:org_id/budgets/:id';

function registerBudgetItemRoutes(app: FastifyInstance, budgets: BudgetsService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const path = itemPath;
  api.get(
    path,
    {
      ...orgAccess('viewer'),
      schema: { tags, params: budgetParamsSchema, response: { 200: budgetSchema, ...ERROR_RESPONSES } },
    },
    async (request) => {
      const row = await budgets.getBudget(orgPrincipalOf(request).orgId, request.params.id);
      return presentBudget(await budgets.withFigures(row));
    },
  );
  api.patch(
    path,
    {
      ...orgAccess('admin'),
      schema: {
        tags,
        params: budgetParamsSchema,
        body: updateBudgetBodySchema,
        response: { 200: budgetSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const row = await budgets.updateBudget(orgPrincipalOf(request).orgId, request.params.id, request.body);
      return presentBudget(await budgets.withFigures(row));
    },
  );
}

function registerBudgetDelete(app: FastifyInstance, budgets: BudgetsService): void {
  app.withTypeProvider<ZodTypeProvider>().delete(
    itemPath,
    {
      ...orgAccess('admin'),
      schema: { tags, params: budgetParamsSchema, response: { 204: noContent, ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      await budgets.deleteBudget(orgPrincipalOf(request).orgId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
