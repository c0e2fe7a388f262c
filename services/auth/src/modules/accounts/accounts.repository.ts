import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { newId } from '@netra/shared';
import type { AuthDatabase } from '#platform/stores/postgres.js';
import { identities, users, type AccountRow, type IdentityRow } from './accounts.tables.js';

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string | null;
  emailVerified: boolean;
}

export interface NewIdentity {
  userId: string;
  provider: string;
  subject: string;
  profile: Record<string, unknown>;
}

/** Every PostgreSQL query on accounts (`auth_users`) and their provider identities (`auth_identities`). */
export class AccountsRepository {
  constructor(private readonly db: AuthDatabase) {}

  /** Inserts an account; undefined when the email (case-insensitively) is taken. */
  async insert(account: NewAccount): Promise<AccountRow | undefined> {
    const rows = await this.db
      .insert(users)
      .values({ id: newId(), ...account })
      .onConflictDoNothing()
      .returning();
    return rows[0];
  }

  async findByEmail(email: string): Promise<AccountRow | undefined> {
    const rows = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .limit(1);
    return rows[0];
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    const rows = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0];
  }

  /**
   * Counts a failed password in one statement (safe under concurrent attempts); the account locks
   * when the count reaches `maxFailures`.
   */
  async recordFailedLogin(
    userId: string,
    maxFailures: number,
    lockUntil: Date,
  ): Promise<AccountRow | undefined> {
    const rows = await this.db
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
  async recordSuccessfulLogin(userId: string): Promise<void> {
    await this.update(userId, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` });
  }

  async markEmailVerified(userId: string): Promise<void> {
    await this.update(userId, { emailVerified: true });
  }

  /** Enables or disables an account; a disabled account cannot sign in by any method. */
  async setActive(userId: string, active: boolean): Promise<void> {
    await this.update(userId, { active });
  }

  /** Sets the display name; the updated account, or undefined when it is gone. */
  async rename(userId: string, name: string): Promise<AccountRow | undefined> {
    const rows = await this.db
      .update(users)
      .set({ name, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning();
    return rows[0];
  }

  /** Replaces the password hash (a password change also ends any login lockout). */
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.update(userId, { passwordHash, failedLoginCount: 0, lockedUntil: null });
  }

  /** Removes a password whose owner never proved the email (a provider proved it for someone else). */
  async clearPassword(userId: string): Promise<void> {
    await this.update(userId, { passwordHash: null });
  }

  async findIdentity(provider: string, subject: string): Promise<IdentityRow | undefined> {
    const rows = await this.db
      .select()
      .from(identities)
      .where(and(eq(identities.provider, provider), eq(identities.subject, subject)))
      .limit(1);
    return rows[0];
  }

  async listIdentities(userId: string): Promise<IdentityRow[]> {
    return this.db.select().from(identities).where(eq(identities.userId, userId));
  }

  /** Links a provider identity to an account; undefined when the subject is already linked (that link wins). */
  async insertIdentity(identity: NewIdentity): Promise<IdentityRow | undefined> {
    const rows = await this.db
      .insert(identities)
      .values({ id: newId(), ...identity, lastLoginAt: sql`now()` })
      .onConflictDoNothing()
      .returning();
    return rows[0];
  }

  /** Keeps the provider's latest profile on the identity and stamps the login time. */
  async touchIdentity(id: string, profile: Record<string, unknown>): Promise<void> {
    await this.db
      .update(identities)
      .set({ profile, lastLoginAt: sql`now()` })
      .where(eq(identities.id, id));
  }

  private async update(userId: string, changes: PgUpdateSetSource<typeof users>): Promise<void> {
    await this.db
      .update(users)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
  }
}
