import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '#modules/users/users.tables.js';
import type { OrgRole } from '#platform/http/roles.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

export const organizations = appSchema.table(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** URL-safe unique handle, e.g. `acme`. */
    slug: text('slug').notNull(),
    /** Free-form organization options; data settings (retention, prompt text) live in `org_settings`. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** The organization created for a user on their first request; it is theirs alone until they invite. */
    personal: boolean('personal').notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (table) => [uniqueIndex('organizations_slug_key').on(table.slug)],
);

/** Who belongs to which organization, with which role (ARCHITECTURE §4.5 roles). */
export const memberships = appSchema.table(
  'memberships',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<OrgRole>().notNull(),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.userId] }),
    index('memberships_user_idx').on(table.userId),
    check('memberships_role_check', sql`${table.role} in ('viewer', 'member', 'admin', 'owner')`),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** Re-exported so drizzle-kit, which reads only `*.tables.ts`, sees the schema the tables live in. */
export { appSchema };
