import { inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { users, type UserRow } from './users.tables.js';

export interface UserProfile {
  id: string;
  email: string;
  name: string | null;
}

/** Every PostgreSQL query on users. */
export class UsersRepository {
  constructor(private readonly db: AppDatabase) {}

  /** Inserts or refreshes a user's profile; `created` is true on the first visit. */
  async upsert(profile: UserProfile): Promise<{ created: boolean }> {
    const rows = await this.db
      .insert(users)
      .values(profile)
      .onConflictDoUpdate({
        target: users.id,
        set: { email: profile.email, name: profile.name, lastSeenAt: sql`now()` },
      })
      // xmax is 0 only for a row this statement inserted.
      .returning({ created: sql<boolean>`(xmax = 0)` });
    return { created: rows[0]?.created === true };
  }

  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) {
      return [];
    }
    return this.db
      .select()
      .from(users)
      .where(inArray(users.id, [...ids]));
  }
}
