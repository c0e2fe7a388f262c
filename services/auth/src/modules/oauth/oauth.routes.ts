import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { parseInput } from '@netra/shared/http';
import type { AuthContext } from '#context.js';
import { clientInfo, setRefreshCookie } from '#platform/http/client.js';
import { checkLoginStartRate } from './login-rate-limit.js';
import { finishProviderLogin, startProviderLogin } from './oauth.service.js';
import type { ProviderRegistry } from '#modules/oauth/providers/provider-registry.js';
import { startSession } from '#modules/sessions/sessions.service.js';
import { callbackQuerySchema, loginQuerySchema, providerParamsSchema } from './oauth.schema.js';

type Handler = RouteHandlerMethod;

function loginHandler(ctx: AuthContext, registry: ProviderRegistry): Handler {
  return async (request, reply) => {
    const { provider } = parseInput(providerParamsSchema, request.params, 'params');
    const { redirect } = parseInput(loginQuerySchema, request.query, 'query');
    await checkLoginStartRate(ctx, request.ip);
    const url = await startProviderLogin(ctx, registry, { provider, redirect });
    return reply.header('cache-control', 'no-store').redirect(url.href, 302);
  };
}

function callbackHandler(ctx: AuthContext, registry: ProviderRegistry): Handler {
  return async (request, reply) => {
    const { provider } = parseInput(providerParamsSchema, request.params, 'params');
    const query = parseInput(callbackQuerySchema, request.query, 'query');
    const client = clientInfo(request);
    const outcome = await finishProviderLogin(ctx, registry, { provider, ...query }, client, request.log);
    void reply.header('cache-control', 'no-store');
    if (outcome.kind === 'signed_in') {
      const session = await startSession(ctx, outcome.user, client);
      setRefreshCookie(reply, ctx.config, session.refreshToken, session.refreshExpiresAt);
    }
    return reply.redirect(outcome.redirectTo, 302);
  };
}

/**
 * `GET /auth/login/:provider` and `GET /auth/callback/:provider`: OAuth 2 / OpenID Connect login.
 * Tokens never appear in a URL: the callback sets the refresh cookie and redirects, and the
 * frontend then calls `POST /auth/refresh` for its access token.
 */
export function registerOAuthRoutes(
  app: FastifyInstance,
  ctx: AuthContext,
  registry: ProviderRegistry,
): void {
  app.get('/auth/login/:provider', loginHandler(ctx, registry));
  app.get('/auth/callback/:provider', callbackHandler(ctx, registry));
}
