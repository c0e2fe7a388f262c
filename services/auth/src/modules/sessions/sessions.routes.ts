import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import { devLogin } from '#modules/accounts/accounts.service.js';
import { presentUser } from '#modules/accounts/present-user.js';
import type { AuthContext } from '#context.js';
import {
  accessTokenOf,
  clearRefreshCookie,
  clientInfo,
  refreshTokenOf,
  sendSession,
} from '#platform/http/client.js';
import { currentUser } from '#platform/http/current-user.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { logout, refreshSession, startSession } from './sessions.service.js';
import { listIdentities } from '#platform/stores/auth.repository.js';
import { introspectBodySchema } from '#modules/accounts/accounts.schema.js';

function registerRefresh(app: FastifyInstance, ctx: AuthContext, limiter: RateLimiter): void {
  app.post('/auth/refresh', async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('refresh', client.ip);
    return sendSession(reply, ctx.config, await refreshSession(ctx, refreshTokenOf(request), client));
  });
}

function registerLogout(app: FastifyInstance, ctx: AuthContext): void {
  app.post('/auth/logout', async (request, reply) => {
    const tokens = { refreshToken: refreshTokenOf(request), accessToken: accessTokenOf(request) };
    await logout(ctx, tokens, clientInfo(request));
    clearRefreshCookie(reply, ctx.config);
    return reply.status(204).send();
  });
}

function registerMe(app: FastifyInstance, ctx: AuthContext): void {
  app.get('/auth/me', async (request) => {
    const user = await currentUser(ctx, request);
    const providers = (await listIdentities(ctx.db, user.id)).map((identity) => identity.provider);
    return { ...presentUser(user), has_password: user.passwordHash !== null, providers };
  });
}

function registerDevLogin(app: FastifyInstance, ctx: AuthContext): void {
  app.post('/auth/dev/login', async (request, reply) => {
    const client = clientInfo(request);
    const user = await devLogin(ctx, client);
    return sendSession(reply, ctx.config, await startSession(ctx, user, client));
  });
}

function registerIntrospection(app: FastifyInstance, ctx: AuthContext): void {
  app.post('/auth/introspect/jti', async (request) => {
    const { jti } = parseInput(introspectBodySchema, request.body);
    return { revoked: await ctx.hot.isAccessTokenRevoked(jti) };
  });
}

/** Refresh, logout, `me`, development login and the revocation lookup other services use. */
export function registerSessionRoutes(app: FastifyInstance, ctx: AuthContext, limiter: RateLimiter): void {
  registerRefresh(app, ctx, limiter);
  registerLogout(app, ctx);
  registerMe(app, ctx);
  registerDevLogin(app, ctx);
  registerIntrospection(app, ctx);
}
