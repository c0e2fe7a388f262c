import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import type { AuthConfig } from '#config.js';
import type { SessionsService } from '#modules/sessions/sessions.service.js';
import { clientInfo } from '#platform/http/client.js';
import type { CurrentUserGuard } from '#platform/http/current-user.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { noStore, sendSession } from '#platform/http/session-replies.js';
import { loginBodySchema, registerBodySchema } from './accounts.schema.js';
import type { AccountsService } from './accounts.service.js';
import { presentProfile } from './present-user.js';

export interface AccountRoutesDependencies {
  config: AuthConfig;
  accounts: AccountsService;
  sessions: SessionsService;
  limiter: RateLimiter;
  guard: CurrentUserGuard;
}

function registerPasswordRoutes(app: FastifyInstance, deps: AccountRoutesDependencies): void {
  const { config, accounts, sessions, limiter } = deps;
  app.post('/auth/register', { onRequest: noStore }, async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('register', client.ip);
    const input = parseInput(registerBodySchema, request.body);
    await limiter.checkAccount('register', input.email);
    const account = await accounts.register(input, client);
    return sendSession(reply, config, await sessions.start(account, client), 201);
  });

  app.post('/auth/login', { onRequest: noStore }, async (request, reply) => {
    const client = clientInfo(request);
    await limiter.checkIp('login', client.ip);
    const input = parseInput(loginBodySchema, request.body);
    await limiter.checkAccount('login', input.email);
    const account = await accounts.passwordLogin(input, client);
    return sendSession(reply, config, await sessions.start(account, client));
  });
}

/**
 * `POST /auth/register` and `POST /auth/login` (password accounts), `POST /auth/dev/login` (the
 * development account) and `GET /auth/me`.
 */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountRoutesDependencies): void {
  const { config, accounts, sessions, guard } = deps;
  registerPasswordRoutes(app, deps);

  app.post('/auth/dev/login', { onRequest: noStore }, async (request, reply) => {
    const client = clientInfo(request);
    const account = await accounts.devLogin(client);
    return sendSession(reply, config, await sessions.start(account, client));
  });

  app.get('/auth/me', async (request) => {
    const { sub } = await guard.claims(request);
    return presentProfile(await accounts.profile(sub));
  });
}
