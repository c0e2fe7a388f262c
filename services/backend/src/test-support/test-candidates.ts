/**
 * Candidates for tests of the measuring pass: the evidence and advice left empty, the id, kind,
 * scope, change and confidence as the test needs them.
 * @module
 */
import type { Candidate, Change, SegmentKey } from '@netra/optimizer';

export function testCandidate(
  scope: Candidate['scope'] | SegmentKey,
  change: Change,
  overrides: Partial<Candidate> = {},
): Candidate {
  return {
    id: `${change.kind}:${scope.feature ?? ''}`,
    kind: change.kind,
    title: change.kind,
    scope,
    confidence: 'high',
    risk: 'low',
    effort: 'low',
    evidence: {},
    assumptions: [],
    actions: [],
    requires_evaluation: false,
    change,
    ...overrides,
  };
}
