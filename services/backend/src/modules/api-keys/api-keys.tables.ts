import { sql } from 'drizzle-orm';
import { index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/** Ingestion API keys: `nk_<prefix>_<secret>`; only a hash of the secret is stored, shown once. */
export const apiKeys = appSchema.table(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Public lookup part of the key (also shown in listings). */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key. */
    keyHash: text('key_hash').notNull(),
    /** The user who created it; null for keys created from the command line. */
    createdBy: text('created_by'),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('api_keys_prefix_key').on(table.prefix),
    index('api_keys_org_idx').on(table.orgId),
    index('api_keys_live_idx')
      .on(table.orgId)
      .where(sql`${table.revokedAt} is null`),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
