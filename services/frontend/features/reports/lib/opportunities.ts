/**
 * The order and standing of the Optimizations tab's cards: the plan's opportunities first (largest
 * saving first), then the ones the combined plan left out; each marked proven when the plan's proven
 * figure counts it.
 * @module
 */
import type { AnalysisReport, Opportunity } from '@netra/shared/contracts';

export interface RankedOpportunity {
  opportunity: Opportunity;
  proven: boolean;
  inPlan: boolean;
}

const bySavings = (a: Opportunity, b: Opportunity) =>
  b.monthly_savings_usd - a.monthly_savings_usd || a.id.localeCompare(b.id);

/** Every opportunity of the report, plan first, each largest saving first. */
export function rankedOpportunities(report: AnalysisReport): RankedOpportunity[] {
  const planIds = new Set(report.plan.opportunity_ids);
  const provenIds = new Set(report.plan.proven.opportunity_ids);
  const rank = (item: Opportunity) => ({
    opportunity: item,
    proven: provenIds.has(item.id),
    inPlan: planIds.has(item.id),
  });
  const sorted = report.opportunities.toSorted(bySavings);
  return [
    ...sorted.filter((item) => planIds.has(item.id)),
    ...sorted.filter((item) => !planIds.has(item.id)),
  ].map(rank);
}
