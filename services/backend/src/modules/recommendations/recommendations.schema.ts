import { RECOMMENDATION_STATUSES, type RealizedSavings, type Recommendation } from '@netra/shared/contracts';
import { z } from 'zod';
import type { RecommendationRow } from './recommendations.tables.js';

export { pageSchema, recommendationSchema, updateRecommendationBodySchema } from '@netra/shared/contracts';

export const recommendationParamsSchema = z.object({ org_id: z.string(), id: z.uuid() });

export const recommendationListQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(RECOMMENDATION_STATUSES).optional(),
  report_id: z.uuid().optional().describe('Only the recommendations of this report'),
});
export type RecommendationListQuery = z.output<typeof recommendationListQuerySchema>;

export function presentRecommendation(
  row: RecommendationRow,
  realized: RealizedSavings | null,
): Recommendation {
  return {
    id: row.id,
    org_id: row.orgId,
    report_id: row.reportId,
    opportunity_id: row.opportunityId,
    kind: row.kind,
    title: row.title,
    scope: row.scope,
    monthly_savings_usd: row.monthlySavingsUsd,
    proven: row.proven,
    status: row.status,
    applied_at: row.appliedAt?.toISOString() ?? null,
    dismissed_reason: row.dismissedReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    realized,
  };
}
