import { and, eq, sql } from 'drizzle-orm';
import type { CursorPosition } from '#platform/http/cursor.js';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import {
  recommendations,
  type NewRecommendationRow,
} from '#modules/recommendations/recommendations.tables.js';
import { reports, type ReportRow } from './reports.tables.js';

export interface ReportListFilter {
  threadId: string | undefined;
  after: CursorPosition | undefined;
  limit: number;
}

/** Every PostgreSQL query on reports; each one takes the organization id. */
export class ReportsRepository {
  constructor(private readonly db: AppDatabase) {}

  /**
   * Stores a report and its recommendations in one transaction. A run's report is stored once: when
   * the run already has one (a resumed run saving again), that one is returned and nothing is added.
   */
  async insertWithRecommendations(
    report: typeof reports.$inferInsert,
    recommendationsOf: (stored: ReportRow) => NewRecommendationRow[],
  ): Promise<{ row: ReportRow; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.insert(reports).values(report).onConflictDoNothing().returning();
      const row = inserted[0];
      if (row === undefined) {
        const existing = await tx.select().from(reports).where(eq(reports.runId, report.runId)).limit(1);
        return { row: insertedRow(existing, 'report'), created: false };
      }
      const rows = recommendationsOf(row);
      if (rows.length > 0) {
        await tx.insert(recommendations).values(rows);
      }
      return { row, created: true };
    });
  }

  /** Newest first; `limit + 1` rows, so the caller knows whether there is a next page. */
  async list(orgId: string, filter: ReportListFilter): Promise<ReportRow[]> {
    const { after, threadId } = filter;
    const conditions = [
      eq(reports.orgId, orgId),
      threadId === undefined ? undefined : eq(reports.threadId, threadId),
      after === undefined
        ? undefined
        : sql`(${reports.createdAt}, ${reports.id}) < (${after.at.toISOString()}, ${after.id})`,
    ];
    // NULLS LAST like the index, so PostgreSQL walks it instead of sorting (both columns are NOT NULL).
    return this.db
      .select()
      .from(reports)
      .where(and(...conditions))
      .orderBy(sql`${reports.createdAt} desc nulls last`, sql`${reports.id} desc nulls last`)
      .limit(filter.limit + 1);
  }

  async find(orgId: string, id: string): Promise<ReportRow | undefined> {
    const rows = await this.db
      .select()
      .from(reports)
      .where(and(eq(reports.orgId, orgId), eq(reports.id, id)))
      .limit(1);
    return rows[0];
  }
}
