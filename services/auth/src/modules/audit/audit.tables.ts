import { index, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '#modules/accounts/accounts.tables.js';
import { authSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** Every sign-in, refusal, link and session event, with who asked and from where. */
export const auditLog = authSchema.table(
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
    createdAt: createdAtColumn(),
  },
  (table) => [index('auth_audit_user_idx').on(table.userId, table.createdAt)],
);

export type AuditRow = typeof auditLog.$inferSelect;
