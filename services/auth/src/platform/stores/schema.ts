import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The auth service's own schema: isolated from the backend's tables even in a shared database. */
export const authDb = pgSchema('auth');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = authDb.table(
  'auth_users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id hash; null for accounts that only sign in through a provider. */
    passwordHash: text('password_hash'),
    emailVerified: boolean('email_verified').notNull().default(false),
    active: boolean('active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Emails are unique regardless of case: "Ada@x.io" and "ada@x.io" are one account.
  (table) => [uniqueIndex('auth_users_email_lower_key').on(sql`lower(${table.email})`)],
);

export const identities = authDb.table(
  'auth_identities',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('auth_identities_provider_subject_key').on(table.provider, table.subject),
    index('auth_identities_user_idx').on(table.userId),
  ],
);

export const sessions = authDb.table(
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
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** rotated | logout | reuse_detected | user_disabled */
    revokedReason: text('revoked_reason'),
  },
  (table) => [
    uniqueIndex('auth_sessions_refresh_token_hash_key').on(table.refreshTokenHash),
    index('auth_sessions_family_idx').on(table.familyId),
    index('auth_sessions_user_idx').on(table.userId),
  ],
);

export const auditLog = authDb.table(
  'auth_audit_log',
  {
    id: uuid('id').primaryKey(),
    /** Null when the attempt named no known account. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    event: text('event').notNull(),
    email: text('email'),
    provider: text('provider'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [index('auth_audit_user_idx').on(table.userId, table.createdAt)],
);

export const authSchema = { users, identities, sessions, auditLog };
export type AuthSchema = typeof authSchema;
export type UserRow = typeof users.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
