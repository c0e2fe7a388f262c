import { text, timestamp } from 'drizzle-orm/pg-core';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** People the backend has seen: the auth service's user id (token `sub`) with the profile its token carries. */
export const users = appSchema.table('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name'),
  createdAt: createdAtColumn(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export type UserRow = typeof users.$inferSelect;
