import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import type { AuthConfig } from '#config.js';
import { accessTokenOf, clearRefreshCookie, clientInfo, refreshTokenOf } from '#platform/http/client.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { noStore, sendSession } from '#platform/http/session-replies.js';
import { introspectBodySchema } from './sessions.schema.js';
import type { SessionsService } from './sessions.service.js';

export interface SessionRoutesDependencies {
  config: AuthConfig;
  sessions: SessionsService;
  limiter: RateLimiter;
}

/** `POST /auth/refresh`, `POST /auth/logout`, and the revocation lookup other services use. */
export function registerSessionRoutes(app: FastifyInstance, deps: SessionRoutesDependencies): void {
  const { config, sessions, limiter } = deps;

  app.post('/auth/refresh', { onRequest: noStore }, async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('refresh', client.ip);
    return sendSession(reply, config, await sessions.refresh(refreshTokenOf(request), client));
  });

  app.post('/auth/logout', { onRequest: noStore }, async (request, reply) => {
    const tokens = { refreshToken: refreshTokenOf(request), accessToken: accessTokenOf(request) };
    await sessions.logout(tokens, clientInfo(request));
    clearRefreshCookie(reply, config);
    return reply.status(204).send();
  });

  app.post('/auth/introspect/jti', async (request) => {
    const { jti } = parseInput(introspectBodySchema, request.body);
    return { revoked: await sessions.isAccessTokenRevoked(jti) };
  });
}
