import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** People who can sign in: with a password, through providers, or both. */
export const users = authSchema.table(
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
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Emails are unique regardless of case: "Ada@x.io" and "ada@x.io" are one account.
  (table) => [uniqueIndex('auth_users_email_lower_key').on(sql`lower(${table.email})`)],
);

/** A provider's subject linked to an account (ARCHITECTURE §5: `auth_identities`). */
export const identities = authSchema.table(
  'auth_identities',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('auth_identities_provider_subject_key').on(table.provider, table.subject),
    index('auth_identities_user_idx').on(table.userId),
  ],
);

export type AccountRow = typeof users.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;
