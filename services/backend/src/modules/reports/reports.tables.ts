import type { ReportTier } from '@netra/shared/contracts';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from '#modules/organizations/organizations.tables.js';
import { runs } from '#modules/runs/runs.tables.js';
import { threads } from '#modules/threads/threads.tables.js';
import { appSchema } from '#platform/stores/postgres-schema.js';
import type { ReportBody } from './report-body.js';

/**
 * The report of an agent run (§3, §4.2): one per run. `report` holds the body the Reporting agent
 * wrote (everything but the ids and the time, which are columns), so a report reads back exactly.
 */
export const reports = appSchema.table(
  'reports',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    tier: text('tier').$type<ReportTier>().notNull(),
    title: text('title').notNull(),
    report: jsonb('report').$type<ReportBody>().notNull(),
    /** Millisecond precision, so a cursor (a JavaScript date) names a row exactly. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('reports_org_recent_idx').on(table.orgId, table.createdAt.desc(), table.id.desc()),
    // A resumed run saving its report again finds the first one instead of storing a second.
    uniqueIndex('reports_run_idx').on(table.runId),
    check('reports_tier_check', sql`${table.tier} in ('full', 'partial', 'guidance')`),
  ],
);

export type ReportRow = typeof reports.$inferSelect;
