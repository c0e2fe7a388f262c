import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AuthConfig } from '#config.js';
import { setRefreshCookie } from './client.js';

/** RFC 6749 §5.1: a response carrying tokens must not be stored by the browser or any cache between. */
export const NO_STORE_HEADERS = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

/**
 * Route hook for every route that hands out tokens or ends a session: all of its answers, errors
 * included, are marked not to be stored. Set before the handler runs, so nothing can skip it.
 */
export function noStore(_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  void reply.headers(NO_STORE_HEADERS);
  done();
}

/** A signed-in session as the routes send it: the JSON body plus the refresh token for its cookie. */
export interface SessionReply {
  body: unknown;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Answers with a signed-in session: the refresh token in its cookie, the rest as the JSON body. */
export function sendSession(
  reply: FastifyReply,
  config: AuthConfig,
  session: SessionReply,
  status = 200,
): FastifyReply {
  setRefreshCookie(reply, config, session.refreshToken, session.refreshExpiresAt);
  return reply.status(status).send(session.body);
}
