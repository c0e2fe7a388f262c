import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorBodySchema } from '@netra/shared/contracts';
import type { FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@netra/shared';
import { relaxContentSecurityPolicy } from '@netra/shared/http';

/** The shape every failed request answers with, documented on each route. */
export const ERROR_RESPONSES = {
  400: errorBodySchema.describe('Invalid input: `field` names what is wrong'),
  401: errorBodySchema.describe('token_missing, token_expired, token_invalid or token_revoked'),
  403: errorBodySchema.describe('forbidden: names the role needed'),
  404: errorBodySchema.describe('Not found, or not in your organization'),
  409: errorBodySchema.describe('Conflict with the current state'),
  429: errorBodySchema.describe('rate_limited: see Retry-After'),
};

export const noContent = z.null().describe('No content');

/** Validation failures of a zod route schema answer 400 `validation_failed` naming the field. */
function installSchemaErrors(app: FastifyInstance): void {
  app.setSchemaErrorFormatter((issues, where) => {
    const issue = issues[0];
    const path = (issue?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const field = path === '' ? where : `${where}.${path}`;
    return new AppError(400, 'validation_failed', `${field}: ${issue?.message ?? 'is invalid'}`, { field });
  });
}

/** What the Swagger UI page loads: its own scripts, styles (it sets some inline) and data-URI images. */
const SWAGGER_UI_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Zod route schemas validate requests and serialize responses, and become the OpenAPI 3.1 document
 * at `/openapi.json`, browsable at `/docs` (Swagger UI's assets ship in its npm package).
 */
export function installOpenApi(app: FastifyInstance, version: string): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSchemaErrors(app);
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Netra Apex API', version, description: 'Backend REST API (ARCHITECTURE §4.5)' },
      components: {
        securitySchemes: {
          accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          ingestionKey: { type: 'http', scheme: 'bearer', description: 'Ingestion API key nk_…' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI runs its own scripts and styles (shipped in its package, no inline script): the strict
  // API-wide CSP would block them, so /docs gets a policy of its own.
  relaxContentSecurityPolicy(app, '/docs', SWAGGER_UI_CSP);
  void app.register(swaggerUi, { routePrefix: '/docs' });
}

/** The OpenAPI document as JSON; registered in a public scope. */
export function registerOpenApiDocument(app: FastifyInstance): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
