import type { RecommendationStatus } from '@netra/shared/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { CursorPosition } from '#platform/http/cursor.js';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { recommendations, type RecommendationRow } from './recommendations.tables.js';

export interface RecommendationListFilter {
  status: RecommendationStatus | undefined;
  reportId: string | undefined;
  after: CursorPosition | undefined;
  limit: number;
}

/** A new state: its status with the date or reason that goes with it (null when it has none). */
export interface RecommendationChange {
  status: RecommendationStatus;
  appliedAt: Date | null;
  dismissedReason: string | null;
}

/** Every PostgreSQL query on recommendations; each one takes the organization id. */
export class RecommendationsRepository {
  constructor(private readonly db: AppDatabase) {}

  /** Newest first (a report's recommendations together); `limit + 1` rows, for the next page. */
  async list(orgId: string, filter: RecommendationListFilter): Promise<RecommendationRow[]> {
    const { after } = filter;
    const conditions = [
      eq(recommendations.orgId, orgId),
      filter.status === undefined ? undefined : eq(recommendations.status, filter.status),
      filter.reportId === undefined ? undefined : eq(recommendations.reportId, filter.reportId),
      after === undefined
        ? undefined
        : sql`(${recommendations.createdAt}, ${recommendations.id}) < (${after.at.toISOString()}, ${after.id})`,
    ];
    // NULLS LAST like the index, so PostgreSQL walks it instead of sorting (both columns are NOT NULL).
    return this.db
      .select()
      .from(recommendations)
      .where(and(...conditions))
      .orderBy(sql`${recommendations.createdAt} desc nulls last`, sql`${recommendations.id} desc nulls last`)
      .limit(filter.limit + 1);
  }

  async find(orgId: string, id: string): Promise<RecommendationRow | undefined> {
    const rows = await this.db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.orgId, orgId), eq(recommendations.id, id)))
      .limit(1);
    return rows[0];
  }

  /** Moves it to `change` only if it is still in status `from`; undefined when it no longer is. */
  async transition(
    orgId: string,
    id: string,
    from: RecommendationStatus,
    change: RecommendationChange,
  ): Promise<RecommendationRow | undefined> {
    const rows = await this.db
      .update(recommendations)
      .set({ ...change, updatedAt: sql`now()` })
      .where(
        and(eq(recommendations.orgId, orgId), eq(recommendations.id, id), eq(recommendations.status, from)),
      )
      .returning();
    return rows[0];
  }
}
