import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import type { AuthConfig } from '#config.js';
import type { SessionsService } from '#modules/sessions/sessions.service.js';
import { clientInfo, setRefreshCookie } from '#platform/http/client.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { noStore } from '#platform/http/session-replies.js';
import { callbackQuerySchema, loginQuerySchema, providerParamsSchema } from './oauth.schema.js';
import type { OAuthService } from './oauth.service.js';

export interface OAuthRoutesDependencies {
  config: AuthConfig;
  oauth: OAuthService;
  sessions: SessionsService;
  limiter: RateLimiter;
}

/**
 * `GET /auth/login/:provider` and `GET /auth/callback/:provider`: OAuth 2 / OpenID Connect login.
 * Tokens never appear in a URL: the callback sets the refresh cookie and redirects, and the
 * frontend then calls `POST /auth/refresh` for its access token.
 */
export function registerOAuthRoutes(app: FastifyInstance, deps: OAuthRoutesDependencies): void {
  const { config, oauth, sessions, limiter } = deps;

  app.get('/auth/login/:provider', { onRequest: noStore }, async (request, reply) => {
    const { provider } = parseInput(providerParamsSchema, request.params, 'params');
    const { redirect } = parseInput(loginQuerySchema, request.query, 'query');
    await limiter.checkIp('oauth_login', request.ip);
    const url = await oauth.start({ provider, redirect });
    return reply.redirect(url.href, 302);
  });

  app.get('/auth/callback/:provider', { onRequest: noStore }, async (request, reply) => {
    const { provider } = parseInput(providerParamsSchema, request.params, 'params');
    const query = parseInput(callbackQuerySchema, request.query, 'query');
    const client = clientInfo(request);
    const outcome = await oauth.finish({ provider, ...query }, client, request.log);
    if (outcome.kind === 'signed_in') {
      const session = await sessions.start(outcome.user, client);
      setRefreshCookie(reply, config, session.refreshToken, session.refreshExpiresAt);
    }
    return reply.redirect(outcome.redirectTo, 302);
  });
}
