import type { FastifyInstance } from 'fastify';
import { parseInput } from '@netra/shared/http';
import type { AuthConfig } from '#config.js';
import type { SessionsService } from '#modules/sessions/sessions.service.js';
import { clientInfo, refreshTokenOf } from '#platform/http/client.js';
import type { CurrentUserGuard } from '#platform/http/current-user.js';
import type { RateLimiter } from '#platform/http/rate-limiter.js';
import { noStore, sendSession } from '#platform/http/session-replies.js';
import {
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  updateProfileBodySchema,
} from './accounts.schema.js';
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
 * `PATCH /auth/me` (display name) and `POST /auth/password` (change or first password; the other
 * sessions of the account end, the caller's own stays when its refresh cookie comes along).
 */
function registerProfileRoutes(app: FastifyInstance, deps: AccountRoutesDependencies): void {
  const { accounts, sessions, limiter, guard } = deps;
  app.patch('/auth/me', async (request) => {
    const { sub } = await guard.claims(request);
    const { name } = parseInput(updateProfileBodySchema, request.body);
    return presentProfile(await accounts.rename(sub, name, clientInfo(request)));
  });

  app.post('/auth/password', { onRequest: noStore }, async (request) => {
    const { sub } = await guard.claims(request);
    await limiter.checkAccount('password_change', sub);
    const input = parseInput(changePasswordBodySchema, request.body);
    const change = { currentPassword: input.current_password, newPassword: input.new_password };
    const account = await accounts.changePassword(sub, change, clientInfo(request));
    const revoked = await sessions.revokeOthersOf(account.id, refreshTokenOf(request));
    return { changed: true, other_sessions_revoked: revoked };
  });
}

/**
 * `POST /auth/register` and `POST /auth/login` (password accounts), `POST /auth/dev/login` (the
 * development account), `GET/PATCH /auth/me` and `POST /auth/password`.
 */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountRoutesDependencies): void {
  const { config, accounts, sessions, guard } = deps;
  registerPasswordRoutes(app, deps);
  registerProfileRoutes(app, deps);

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
