import { sql } from 'drizzle-orm';
import { check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import type { OrgRole } from '#platform/http/roles.js';
import { users } from '#modules/users/users.tables.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** An invitation to join an organization: single use, expiring; only a hash of its token is kept. */
export const invitations = appSchema.table(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<OrgRole>().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('invitations_token_hash_key').on(table.tokenHash),
    index('invitations_org_idx').on(table.orgId),
    check('invitations_role_check', sql`${table.role} in ('viewer', 'member', 'admin', 'owner')`),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
