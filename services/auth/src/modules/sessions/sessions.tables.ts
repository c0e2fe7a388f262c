import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '#modules/accounts/accounts.tables.js';
import { authSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** One refresh token each; a login's rotations share a family. */
export const sessions = authSchema.table(
  'auth_sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Every rotation of one login shares the family; reuse of a rotated token revokes it whole. */
    familyId: uuid('family_id').notNull(),
    /** SHA-256 of the opaque refresh token; the token itself is never stored. */
    refreshTokenHash: text('refresh_token_hash').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAtColumn(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** rotated | logout | reuse_detected | user_disabled | expired | account_claimed */
    revokedReason: text('revoked_reason'),
  },
  (table) => [
    uniqueIndex('auth_sessions_refresh_token_hash_key').on(table.refreshTokenHash),
    index('auth_sessions_family_idx').on(table.familyId),
    index('auth_sessions_user_idx').on(table.userId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
