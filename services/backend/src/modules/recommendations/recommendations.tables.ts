import type { RecommendationStatus } from '@netra/shared/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { reports } from '#modules/reports/reports.tables.js';
import { appSchema } from '#platform/stores/postgres-schema.js';

const timestampMs = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Where an opportunity applies; an absent field means all of it. */
export interface RecommendationScope {
  feature?: string;
  model?: string;
  provider?: string;
}

/**
 * One opportunity of a stored report, as something to do: proposed, then applied (on a date, from
 * which its realized savings are measured) or dismissed (with why).
 */
export const recommendations = appSchema.table(
  'recommendations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    opportunityId: text('opportunity_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    scope: jsonb('scope').$type<RecommendationScope>().notNull(),
    monthlySavingsUsd: doublePrecision('monthly_savings_usd').notNull(),
    /** The report counted it in its proven figure (the data itself proves it). */
    proven: boolean('proven').notNull(),
    status: text('status').$type<RecommendationStatus>().notNull().default('proposed'),
    appliedAt: timestampMs('applied_at'),
    dismissedReason: text('dismissed_reason'),
    /** Millisecond precision, so a cursor (a JavaScript date) names a row exactly. */
    createdAt: timestampMs('created_at').notNull().defaultNow(),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('recommendations_report_opportunity_idx').on(table.reportId, table.opportunityId),
    index('recommendations_org_recent_idx').on(table.orgId, table.createdAt.desc(), table.id.desc()),
    check('recommendations_status_check', sql`${table.status} in ('proposed', 'applied', 'dismissed')`),
    // The date exactly when applied, the reason exactly when dismissed: no state carries a stale one.
    check(
      'recommendations_applied_check',
      sql`(${table.status} = 'applied') = (${table.appliedAt} is not null)`,
    ),
    check(
      'recommendations_dismissed_check',
      sql`(${table.status} = 'dismissed') = (${table.dismissedReason} is not null)`,
    ),
  ],
);

export type RecommendationRow = typeof recommendations.$inferSelect;
export type NewRecommendationRow = typeof recommendations.$inferInsert;
