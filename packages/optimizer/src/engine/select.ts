/**
 * Which measured candidates become opportunities: those whose saving is material for the slice of
 * usage they concern. A change that saves a sliver of its segment is noise to whoever has to roll it
 * out, and would dilute the ranking.
 * @module
 */
import type { Candidate } from '#analysis/candidate.js';
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';

/** A candidate must save at least this share of its scope's cost. */
export const MIN_SHARE_OF_SCOPE = 0.01;

/** The cost of the usage a candidate's scope covers (every segment matching what the scope names). */
export function scopeCost(profile: WorkloadProfile, candidate: Candidate): number {
  const { feature, provider, model } = candidate.scope;
  const inScope = (segment: SegmentProfile) =>
    (feature === undefined || segment.feature === feature) &&
    (provider === undefined || segment.provider === provider) &&
    (model === undefined || segment.model === model);
  return profile.segments.filter(inScope).reduce((sum, segment) => sum + segment.cost_usd, 0);
}

/** The candidates worth reporting, given their individual savings over the period. */
export function materialCandidates(
  profile: WorkloadProfile,
  candidates: readonly Candidate[],
  savings: ReadonlyMap<string, number>,
): Candidate[] {
  return candidates.filter((candidate) => {
    const saving = savings.get(candidate.id) ?? 0;
    return saving > 0 && saving >= MIN_SHARE_OF_SCOPE * scopeCost(profile, candidate);
  });
}
