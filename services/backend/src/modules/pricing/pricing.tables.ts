import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PriceOverride } from '@netra/optimizer';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { appSchema, createdAtColumn } from '#platform/stores/postgres-schema.js';

/**
 * An organization's price overrides (a private model's prices, an alias, a negotiated discount), each
 * in force over the half-open range [effective_from, effective_to); a null end is open.
 */
export const priceOverrides = appSchema.table(
  'price_overrides',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The optimizer's override spec (`kind`: model_price, alias or discount), validated by its schema. */
    spec: jsonb('spec').$type<PriceOverride>().notNull(),
    /** What the override applies to (kind, provider, model): two of one target must not overlap in time. */
    target: text('target').notNull(),
    /** Null: in force since always. */
    effectiveFrom: timestamp('effective_from', { withTimezone: true }),
    /** Exclusive; null: in force until further notice. */
    effectiveTo: timestamp('effective_to', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('price_overrides_org_target_idx').on(table.orgId, table.target),
    check(
      'price_overrides_range_check',
      sql`${table.effectiveFrom} is null or ${table.effectiveTo} is null or ${table.effectiveFrom} < ${table.effectiveTo}`,
    ),
  ],
);

export type PriceOverrideRow = typeof priceOverrides.$inferSelect;
