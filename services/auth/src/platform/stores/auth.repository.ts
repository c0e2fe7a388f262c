import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { PostgresDatabase } from '@netra/shared/postgres';
import {
  auditLog,
  identities,
  sessions,
  users,
  type AuthSchema,
  type IdentityRow,
  type SessionRow,
  type UserRow,
} from './schema.js';

/**
 * The only module of the auth service that talks to PostgreSQL: users, identities, sessions and
 * the audit log. Every call takes the database explicitly so a transaction can be passed in.
 */
export type AuthDb = PostgresDatabase<AuthSchema>;

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  emailVerified: boolean;
}

/** Inserts a user; returns undefined when the email (case-insensitively) is taken. */
export async function insertUser(db: AuthDb, user: NewUser): Promise<UserRow | undefined> {
  const rows = await db
    .insert(users)
    .values({ id: newId(), ...user })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function findUserByEmail(db: AuthDb, email: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

export async function findUserById(db: AuthDb, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

/**
 * Counts a failed password in one statement (safe under concurrent attempts); the account locks
 * when the count reaches `maxFailures`.
 */
export async function recordFailedLogin(
  db: AuthDb,
  userId: string,
  maxFailures: number,
  lockUntil: Date,
): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({
      failedLoginCount: sql`${users.failedLoginCount} + 1`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId))
    .returning();
  return rows[0];
}

/** Clears the failure count and lock, and stamps the login time. */
export async function recordSuccessfulLogin(db: AuthDb, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function markEmailVerified(db: AuthDb, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ emailVerified: true, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function findIdentity(
  db: AuthDb,
  provider: string,
  subject: string,
): Promise<IdentityRow | undefined> {
  const rows = await db
    .select()
    .from(identities)
    .where(and(eq(identities.provider, provider), eq(identities.subject, subject)))
    .limit(1);
  return rows[0];
}

export async function listIdentities(db: AuthDb, userId: string): Promise<IdentityRow[]> {
  return db.select().from(identities).where(eq(identities.userId, userId));
}

export interface NewIdentity {
  userId: string;
  provider: string;
  subject: string;
  profile: Record<string, unknown>;
}

/** Links a provider identity to a user; an existing link for the same subject wins. */
export async function insertIdentity(db: AuthDb, identity: NewIdentity): Promise<IdentityRow | undefined> {
  const rows = await db
    .insert(identities)
    .values({ id: newId(), ...identity, lastLoginAt: sql`now()` })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function touchIdentity(db: AuthDb, id: string, profile: Record<string, unknown>): Promise<void> {
  await db
    .update(identities)
    .set({ profile, lastLoginAt: sql`now()` })
    .where(eq(identities.id, id));
}

export interface NewSession {
  userId: string;
  familyId: string;
  refreshTokenHash: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
}

export async function insertSession(db: AuthDb, session: NewSession): Promise<SessionRow> {
  const rows = await db
    .insert(sessions)
    .values({ id: newId(), ...session })
    .returning();
  const row = rows[0];
  if (row === undefined) {
    throw new Error('session insert returned no row');
  }
  return row;
}

export async function findSessionByTokenHash(db: AuthDb, hash: string): Promise<SessionRow | undefined> {
  const rows = await db.select().from(sessions).where(eq(sessions.refreshTokenHash, hash)).limit(1);
  return rows[0];
}

/**
 * Revokes one live session; false when it was already revoked, which is how two concurrent
 * refreshes with the same token are told apart: only one of them wins.
 */
export async function revokeSession(db: AuthDb, id: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason, lastUsedAt: sql`now()` })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}

/** Revokes every live session of a family (reuse of a rotated refresh token). */
export async function revokeFamily(db: AuthDb, familyId: string, reason: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.familyId, familyId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function listFamily(db: AuthDb, familyId: string): Promise<SessionRow[]> {
  return db.select().from(sessions).where(eq(sessions.familyId, familyId));
}

export interface AuditEntry {
  event: string;
  userId?: string | undefined;
  email?: string | undefined;
  provider?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  details?: Record<string, unknown>;
}

export async function appendAudit(db: AuthDb, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newId(),
    event: entry.event,
    userId: entry.userId ?? null,
    email: entry.email ?? null,
    provider: entry.provider ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
    details: entry.details ?? {},
  });
}

export async function listAuditForEmail(db: AuthDb, email: string) {
  return db
    .select()
    .from(auditLog)
    .where(sql`lower(${auditLog.email}) = lower(${email})`)
    .orderBy(auditLog.createdAt);
}

export async function listAuditForUser(db: AuthDb, userId: string) {
  return db.select().from(auditLog).where(eq(auditLog.userId, userId)).orderBy(auditLog.createdAt);
}

/** Audit entries of one login provider (OAuth/OIDC), oldest first; failures before sign-in name no email. */
export async function listAuditForProvider(db: AuthDb, provider: string) {
  return db.select().from(auditLog).where(eq(auditLog.provider, provider)).orderBy(auditLog.createdAt);
}

/** Enables or disables an account; a disabled account cannot sign in by any method. */
export async function setUserActive(db: AuthDb, userId: string, active: boolean): Promise<void> {
  await db
    .update(users)
    .set({ active, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Removes a password whose owner never proved the email (a provider proved it for someone else). */
export async function clearPassword(db: AuthDb, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: null, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Revokes every live session of a user. */
export async function revokeUserSessions(db: AuthDb, userId: string, reason: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
