import { sql } from 'drizzle-orm';
import { index, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The backend's own schema (ARCHITECTURE §5): isolated from the auth service's tables. */
export const appDb = pgSchema('app');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = appDb.table(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** URL-safe unique handle, e.g. `acme`. */
    slug: text('slug').notNull(),
    /** Org policies such as whether prompt text may be stored (`store_prompts`). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('organizations_slug_key').on(table.slug)],
);

/** Ingestion API keys: `nk_<prefix>_<secret>`; only a hash of the secret is stored, shown once. */
export const apiKeys = appDb.table(
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
    createdAt: createdAt(),
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

export const backendSchema = { organizations, apiKeys };
export type BackendSchema = typeof backendSchema;
export type OrganizationRow = typeof organizations.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
