import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '@netra/shared/auth';
import type { AuthConfig } from '#config.js';

/** Who is asking: recorded on sessions and in the audit log. */
export interface ClientInfo {
  ip: string | undefined;
  userAgent: string | undefined;
}

export const REFRESH_COOKIE = 'netra_refresh';
/** The refresh cookie is only ever sent to the auth endpoints. */
const REFRESH_COOKIE_PATH = '/auth';

/** IP and user agent of the caller, for sessions and the audit log. */
export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

export function accessTokenOf(request: FastifyRequest): string {
  return bearerToken(request.headers.authorization);
}

export function refreshTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[REFRESH_COOKIE];
}

/** httpOnly, SameSite=Lax, Secure outside development; the browser never shows it to scripts. */
export function setRefreshCookie(
  reply: FastifyReply,
  config: AuthConfig,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.environment !== 'development',
    path: REFRESH_COOKIE_PATH,
    expires: expiresAt,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: AuthConfig): void {
  void reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.environment !== 'development',
    path: REFRESH_COOKIE_PATH,
  });
}
