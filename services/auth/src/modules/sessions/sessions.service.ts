import { newId } from '@netra/shared';
import type { AuthSession } from '@netra/shared';
import { authErrors } from '#platform/http/errors.js';
import { presentUser } from '#modules/accounts/present-user.js';
import type { AuthContext, ClientInfo } from '#context.js';
import {
  appendAudit,
  findSessionByTokenHash,
  findUserById,
  insertSession,
  revokeFamily,
  revokeSession,
} from '#platform/stores/auth.repository.js';
import type { SessionRow, UserRow } from '#platform/stores/schema.js';
import { issueAccessToken } from './access-token.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';

/** A signed-in session: the body for the client plus the refresh token for its cookie. */
export interface StartedSession {
  body: AuthSession;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Opens a session (a new family unless one is continued by rotation) and issues both tokens. */
export async function startSession(
  ctx: AuthContext,
  user: UserRow,
  client: ClientInfo,
  familyId: string = newId(),
): Promise<StartedSession> {
  const refreshToken = newRefreshToken();
  const refreshExpiresAt = new Date(Date.now() + ctx.config.values.REFRESH_TOKEN_TTL_S * 1000);
  await insertSession(ctx.db, {
    userId: user.id,
    familyId,
    refreshTokenHash: hashRefreshToken(refreshToken),
    userAgent: client.userAgent ?? null,
    ip: client.ip ?? null,
    expiresAt: refreshExpiresAt,
  });
  const access = await issueAccessToken(ctx.keys, user, ctx.config.values.ACCESS_TOKEN_TTL_S);
  const body: AuthSession = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.expiresInS,
    user: presentUser(user),
  };
  return { body, refreshToken, refreshExpiresAt };
}

async function refuseReuse(ctx: AuthContext, session: SessionRow, client: ClientInfo): Promise<never> {
  const revoked = await revokeFamily(ctx.db, session.familyId, 'reuse_detected');
  await appendAudit(ctx.db, {
    event: 'refresh_reuse_detected',
    userId: session.userId,
    ip: client.ip,
    userAgent: client.userAgent,
    details: { family_id: session.familyId, sessions_revoked: revoked },
  });
  throw authErrors.refreshTokenReused();
}

async function liveSession(ctx: AuthContext, token: string, client: ClientInfo): Promise<SessionRow> {
  const session = await findSessionByTokenHash(ctx.db, hashRefreshToken(token));
  if (session === undefined) {
    throw authErrors.refreshTokenInvalid();
  }
  if (session.revokedAt !== null) {
    // A token rotated away and presented again was copied: whoever holds it is not the only holder.
    return session.revokedReason === 'rotated'
      ? refuseReuse(ctx, session, client)
      : Promise.reject(authErrors.refreshTokenInvalid());
  }
  if (session.expiresAt.getTime() <= Date.now()) {
    await revokeSession(ctx.db, session.id, 'expired');
    throw authErrors.sessionExpired();
  }
  return session;
}

async function activeUser(ctx: AuthContext, session: SessionRow): Promise<UserRow> {
  const user = await findUserById(ctx.db, session.userId);
  if (user?.active !== true) {
    await revokeFamily(ctx.db, session.familyId, 'user_disabled');
    throw authErrors.accountDisabled();
  }
  return user;
}

/**
 * Rotates a refresh token: the presented session is retired and a new one in the same family is
 * issued. Presenting a retired token again revokes the whole family.
 */
export async function refreshSession(
  ctx: AuthContext,
  token: string | undefined,
  client: ClientInfo,
): Promise<StartedSession> {
  if (token === undefined || token === '') {
    throw authErrors.refreshTokenMissing();
  }
  const session = await liveSession(ctx, token, client);
  const user = await activeUser(ctx, session);
  // Only one of two concurrent refreshes with the same token can retire it; the loser is a reuse.
  if (!(await revokeSession(ctx.db, session.id, 'rotated'))) {
    return refuseReuse(ctx, session, client);
  }
  const started = await startSession(ctx, user, client, session.familyId);
  await appendAudit(ctx.db, {
    event: 'refresh',
    userId: user.id,
    ip: client.ip,
    userAgent: client.userAgent,
  });
  return started;
}

async function revokePresentedAccessToken(
  ctx: AuthContext,
  accessToken: string,
): Promise<string | undefined> {
  try {
    const claims = await ctx.verifyAccessToken(accessToken);
    await ctx.hot.revokeAccessToken(claims.jti, new Date(claims.exp * 1000));
    return claims.sub;
  } catch {
    // An expired or already revoked access token needs no revocation.
    return undefined;
  }
}

/**
 * Logs out: the refresh token's session family is revoked and the access token's `jti` goes on
 * the revocation list until it expires. Idempotent: unknown or missing tokens are ignored.
 */
export async function logout(
  ctx: AuthContext,
  tokens: { refreshToken: string | undefined; accessToken: string },
  client: ClientInfo,
): Promise<void> {
  const accessUserId =
    tokens.accessToken === '' ? undefined : await revokePresentedAccessToken(ctx, tokens.accessToken);
  const session =
    tokens.refreshToken === undefined
      ? undefined
      : await findSessionByTokenHash(ctx.db, hashRefreshToken(tokens.refreshToken));
  if (session !== undefined) {
    await revokeFamily(ctx.db, session.familyId, 'logout');
  }
  const userId = session?.userId ?? accessUserId;
  if (userId !== undefined) {
    await appendAudit(ctx.db, { event: 'logout', userId, ip: client.ip, userAgent: client.userAgent });
  }
}
