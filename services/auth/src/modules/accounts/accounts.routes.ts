import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import { passwordLogin, register } from './accounts.service.js';
import type { AuthContext } from '#context.js';
import { clientInfo, sendSession } from '#platform/http/client.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { startSession } from '#modules/sessions/sessions.service.js';
import { loginBodySchema, registerBodySchema } from './accounts.schema.js';

/** `POST /auth/register` and `POST /auth/login`: password accounts. */
export function registerPasswordRoutes(app: FastifyInstance, ctx: AuthContext, limiter: RateLimiter): void {
  app.post('/auth/register', async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('register', client.ip);
    const input = parseInput(registerBodySchema, request.body);
    await limiter.checkAccount('register', input.email);
    const user = await register(ctx, input, client);
    return sendSession(reply, ctx.config, await startSession(ctx, user, client), 201);
  });

  app.post('/auth/login', async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('login', client.ip);
    const input = parseInput(loginBodySchema, request.body);
    await limiter.checkAccount('login', input.email);
    const user = await passwordLogin(ctx, input, client);
    return sendSession(reply, ctx.config, await startSession(ctx, user, client));
  });
}
