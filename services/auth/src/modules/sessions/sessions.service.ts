import { newId, type AuthSession } from '@netra/shared';
import { createAccessTokenVerifier, localJwks, type AccessTokenVerifier } from '@netra/shared/auth';
import type { AuthConfig } from '#config.js';
import type { AccountsService } from '#modules/accounts/accounts.service.js';
import type { AccountRow } from '#modules/accounts/accounts.tables.js';
import { presentUser } from '#modules/accounts/present-user.js';
import type { AuditService } from '#modules/audit/audit.service.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import type { ClientInfo } from '#platform/http/client.js';
import { authErrors } from '#platform/http/errors.js';
import { issueAccessToken } from './access-token.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';
import type { SessionsRepository } from './sessions.repository.js';
import type { SessionRow } from './sessions.tables.js';

/** A signed-in session: the body for the client plus the refresh token for its cookie. */
export interface StartedSession {
  body: AuthSession;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** The tokens a logout presents; either may be absent. */
export interface PresentedTokens {
  refreshToken: string | undefined;
  accessToken: string;
}

export interface SessionsDependencies {
  config: AuthConfig;
  keys: KeyRing;
  sessions: SessionsRepository;
  /** To refuse refreshes of accounts disabled since the session started. */
  accounts: AccountsService;
  audit: AuditService;
}

/**
 * Sessions and tokens (ARCHITECTURE §4.4): access tokens signed with the current key, opaque
 * refresh tokens stored hashed and rotated on every use, reuse of a rotated token revoking the
 * whole family, and the access-token revocation list.
 */
export class SessionsService {
  /** Verifies an access token against this service's own keys and revocation list. */
  readonly verifyAccessToken: AccessTokenVerifier;

  constructor(private readonly deps: SessionsDependencies) {
    this.verifyAccessToken = createAccessTokenVerifier({
      keys: localJwks(deps.keys.jwks()),
      isRevoked: (jti) => deps.sessions.isAccessTokenRevoked(jti),
    });
  }

  /** Opens a session (a new family unless one is continued by rotation) and issues both tokens. */
  async start(account: AccountRow, client: ClientInfo, familyId: string = newId()): Promise<StartedSession> {
    const { config, keys, sessions } = this.deps;
    const refreshToken = newRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + config.values.REFRESH_TOKEN_TTL_S * 1000);
    await sessions.insert({
      userId: account.id,
      familyId,
      refreshTokenHash: hashRefreshToken(refreshToken),
      userAgent: client.userAgent ?? null,
      ip: client.ip ?? null,
      expiresAt: refreshExpiresAt,
    });
    const access = await issueAccessToken(keys, account, config.values.ACCESS_TOKEN_TTL_S);
    const body: AuthSession = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresInS,
      user: presentUser(account),
    };
    return { body, refreshToken, refreshExpiresAt };
  }

  /**
   * Rotates a refresh token: the presented session is retired and a new one in the same family is
   * issued. Presenting a retired token again revokes the whole family.
   * @throws AppError 401 `refresh_token_missing`, `refresh_token_invalid`, `refresh_token_reused`,
   *   `session_expired`; 403 `account_disabled`
   */
  async refresh(token: string | undefined, client: ClientInfo): Promise<StartedSession> {
    if (token === undefined || token === '') {
      throw authErrors.refreshTokenMissing();
    }
    const session = await this.liveSession(token, client);
    const account = await this.activeAccount(session);
    // Only one of two concurrent refreshes with the same token can retire it; the loser is a reuse.
    if (!(await this.deps.sessions.revoke(session.id, 'rotated'))) {
      return this.refuseReuse(session, client);
    }
    const started = await this.start(account, client, session.familyId);
    await this.deps.audit.record(client, 'refresh', { userId: account.id });
    return started;
  }

  /**
   * Logs out: the refresh token's session family is revoked and the access token's `jti` goes on
   * the revocation list until it expires. Idempotent: unknown or missing tokens are ignored.
   */
  async logout(tokens: PresentedTokens, client: ClientInfo): Promise<void> {
    const { sessions, audit } = this.deps;
    const accessUserId =
      tokens.accessToken === '' ? undefined : await this.revokePresentedAccessToken(tokens.accessToken);
    const session =
      tokens.refreshToken === undefined
        ? undefined
        : await sessions.findByTokenHash(hashRefreshToken(tokens.refreshToken));
    if (session !== undefined) {
      await sessions.revokeFamily(session.familyId, 'logout');
    }
    const userId = session?.userId ?? accessUserId;
    if (userId !== undefined) {
      await audit.record(client, 'logout', { userId });
    }
  }

  /** Revokes every live session of an account; returns how many were live. */
  revokeAllOf(accountId: string, reason: string): Promise<number> {
    return this.deps.sessions.revokeAllOfUser(accountId, reason);
  }

  /**
   * After a password change: every other session of the account ends. The session the change came
   * from (its refresh cookie, when sent and live) stays signed in; without one, all sessions end.
   * Access tokens already issued elsewhere run out within their short lifetime.
   */
  async revokeOthersOf(accountId: string, refreshToken: string | undefined): Promise<number> {
    const current =
      refreshToken === undefined || refreshToken === ''
        ? undefined
        : await this.deps.sessions.findByTokenHash(hashRefreshToken(refreshToken));
    const keep = current?.userId === accountId && current.revokedAt === null ? current : undefined;
    return keep === undefined
      ? this.deps.sessions.revokeAllOfUser(accountId, 'password_changed')
      : this.deps.sessions.revokeAllOfUserExcept(accountId, keep.familyId, 'password_changed');
  }

  /** Whether an access token id is on the revocation list (the lookup other services make). */
  isAccessTokenRevoked(jti: string): Promise<boolean> {
    return this.deps.sessions.isAccessTokenRevoked(jti);
  }

  private async refuseReuse(session: SessionRow, client: ClientInfo): Promise<never> {
    const revoked = await this.deps.sessions.revokeFamily(session.familyId, 'reuse_detected');
    const details = { family_id: session.familyId, sessions_revoked: revoked };
    await this.deps.audit.record(client, 'refresh_reuse_detected', { userId: session.userId, details });
    throw authErrors.refreshTokenReused();
  }

  private async liveSession(token: string, client: ClientInfo): Promise<SessionRow> {
    const session = await this.deps.sessions.findByTokenHash(hashRefreshToken(token));
    if (session === undefined) {
      throw authErrors.refreshTokenInvalid();
    }
    if (session.revokedAt !== null) {
      // A token rotated away and presented again was copied: whoever holds it is not the only holder.
      return session.revokedReason === 'rotated'
        ? this.refuseReuse(session, client)
        : Promise.reject(authErrors.refreshTokenInvalid());
    }
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.deps.sessions.revoke(session.id, 'expired');
      throw authErrors.sessionExpired();
    }
    return session;
  }

  private async activeAccount(session: SessionRow): Promise<AccountRow> {
    const account = await this.deps.accounts.findById(session.userId);
    if (account?.active !== true) {
      await this.deps.sessions.revokeFamily(session.familyId, 'user_disabled');
      throw authErrors.accountDisabled();
    }
    return account;
  }

  private async revokePresentedAccessToken(accessToken: string): Promise<string | undefined> {
    try {
      const claims = await this.verifyAccessToken(accessToken);
      await this.deps.sessions.revokeAccessToken(claims.jti, new Date(claims.exp * 1000));
      return claims.sub;
    } catch {
      // An expired or already revoked access token needs no revocation.
      return undefined;
    }
  }
}
