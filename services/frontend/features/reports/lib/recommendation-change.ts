/**
 * What marking a recommendation looks like before the server answers (the optimistic update) and
 * how the cards find their recommendation. The server stays the authority: its answer replaces the
 * guess, and a failed call puts the list back as it was.
 * @module
 */
import type { Recommendation, UpdateRecommendationBody } from '@netra/shared/contracts';

type ChangedFields = Pick<Recommendation, 'status' | 'applied_at' | 'dismissed_reason'>;

function changedFields(body: UpdateRecommendationBody): ChangedFields {
  switch (body.status) {
    case 'applied':
      return { status: 'applied', applied_at: body.applied_at, dismissed_reason: null };
    case 'dismissed':
      return { status: 'dismissed', applied_at: null, dismissed_reason: body.reason };
    case 'proposed':
      return { status: 'proposed', applied_at: null, dismissed_reason: null };
  }
}

/**
 * The recommendation as it will most likely be once the change is stored. Realized savings are
 * measured by the server, so until it answers there are none to show.
 */
export function withChange(
  recommendation: Recommendation,
  body: UpdateRecommendationBody,
  now: Date,
): Recommendation {
  return { ...recommendation, ...changedFields(body), realized: null, updated_at: now.toISOString() };
}

/** The list with one recommendation changed (or replaced by the server's answer). */
export function replaceRecommendation(
  list: readonly Recommendation[],
  id: string,
  change: (recommendation: Recommendation) => Recommendation,
): Recommendation[] {
  return list.map((item) => (item.id === id ? change(item) : item));
}

/** Recommendations by the opportunity they were made from (one per opportunity of a report). */
export function byOpportunity(list: readonly Recommendation[]): Map<string, Recommendation> {
  return new Map(list.map((item) => [item.opportunity_id, item]));
}
