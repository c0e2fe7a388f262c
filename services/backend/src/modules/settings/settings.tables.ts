import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { appSchema } from '#platform/stores/postgres-schema.js';

/**
 * An organization's data settings; an organization without a row has the defaults (keep usage
 * forever, drop prompt text at ingestion).
 */
export const orgSettings = appSchema.table(
  'org_settings',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Usage older than this many days is deleted by the worker's housekeeping; null keeps it forever. */
    retentionDays: integer('retention_days'),
    /** Whether ingestion keeps prompt text (off by default: it is dropped before storage). */
    storePrompts: boolean('store_prompts').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('org_settings_retention_idx')
      .on(table.orgId)
      .where(sql`${table.retentionDays} is not null`),
    check(
      'org_settings_retention_check',
      // 3650: MAX_RETENTION_DAYS of the settings contract.
      sql`${table.retentionDays} is null or ${table.retentionDays} between 1 and 3650`,
    ),
  ],
);

export type OrgSettingsRow = typeof orgSettings.$inferSelect;
