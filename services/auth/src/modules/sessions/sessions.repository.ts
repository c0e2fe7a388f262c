import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import { revokedTokenKey } from '@netra/shared/auth';
import type { HotStore } from '@netra/shared/redis';
import type { AuthDatabase } from '#platform/stores/postgres.js';
import { sessions, type SessionRow } from './sessions.tables.js';

export interface NewSession {
  userId: string;
  familyId: string;
  refreshTokenHash: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
}

/**
 * Every query on sessions: refresh-token sessions in PostgreSQL (`auth_sessions`) and the
 * access-token revocation list in the hot tier, which other services read too.
 */
export class SessionsRepository {
  constructor(
    private readonly db: AuthDatabase,
    private readonly redis: HotStore,
  ) {}

  async insert(session: NewSession): Promise<SessionRow> {
    const rows = await this.db
      .insert(sessions)
      .values({ id: newId(), ...session })
      .returning();
    const row = rows[0];
    if (row === undefined) {
      throw new Error('session insert returned no row');
    }
    return row;
  }

  async findByTokenHash(hash: string): Promise<SessionRow | undefined> {
    const rows = await this.db.select().from(sessions).where(eq(sessions.refreshTokenHash, hash)).limit(1);
    return rows[0];
  }

  /**
   * Revokes one live session; false when it was already revoked, which is how two concurrent
   * refreshes with the same token are told apart: only one of them wins.
   */
  async revoke(id: string, reason: string): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason, lastUsedAt: sql`now()` })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length === 1;
  }

  /** Revokes every live session of a family (reuse of a rotated refresh token, logout); returns how many. */
  async revokeFamily(familyId: string, reason: string): Promise<number> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(sessions.familyId, familyId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length;
  }

  /** Revokes every live session of an account; returns how many. */
  async revokeAllOfUser(userId: string, reason: string): Promise<number> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length;
  }

  /** Revokes every live session of an account outside one family (the caller's own); returns how many. */
  async revokeAllOfUserExcept(userId: string, keepFamilyId: string, reason: string): Promise<number> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where(
        and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.familyId, keepFamilyId)),
      )
      .returning({ id: sessions.id });
    return rows.length;
  }

  /** Lists an access token's id as revoked until the token would have expired anyway. */
  async revokeAccessToken(jti: string, expiresAt: Date): Promise<void> {
    const ttlMs = Math.max(1_000, expiresAt.getTime() - Date.now());
    await this.redis.set(revokedTokenKey(jti), '1', ttlMs);
  }

  async isAccessTokenRevoked(jti: string): Promise<boolean> {
    return (await this.redis.get(revokedTokenKey(jti))) !== null;
  }
}
