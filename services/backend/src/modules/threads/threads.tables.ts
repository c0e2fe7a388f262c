import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { users } from '#modules/users/users.tables.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** A conversation with the agents, owned by an organization and started by one of its members. */
export const threads = appSchema.table(
  'threads',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null until the first message names it (or someone renames it). */
    title: text('title'),
    createdAt: createdAtColumn(),
    /** Millisecond precision, so a cursor (a JavaScript date) names a row exactly. */
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [index('threads_org_recent_idx').on(table.orgId, table.updatedAt.desc(), table.id.desc())],
);

export const MESSAGE_ROLES = ['user', 'assistant', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const messages = appSchema.table(
  'messages',
  {
    id: uuid('id').primaryKey(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The author for user messages; null for the agents' messages. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    role: text('role').$type<MessageRole>().notNull(),
    content: text('content').notNull(),
    /** Millisecond precision, so a cursor (a JavaScript date) names a row exactly. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('messages_thread_idx').on(table.threadId, table.createdAt, table.id),
    check('messages_role_check', sql`${table.role} in ('user', 'assistant', 'system')`),
  ],
);

export type ThreadRow = typeof threads.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
