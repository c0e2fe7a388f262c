import { jsonb, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

export const organizations = appSchema.table(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** URL-safe unique handle, e.g. `acme`. */
    slug: text('slug').notNull(),
    /** Org policies such as whether prompt text may be stored (`store_prompts`). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (table) => [uniqueIndex('organizations_slug_key').on(table.slug)],
);

export type OrganizationRow = typeof organizations.$inferSelect;
