/**
 * error_waste (ARCHITECTURE §4.2): failed requests the provider still billed (and the retries they
 * caused); saving = their cost.
 * @module
 */
import type { Analyzer, Candidate } from '#analysis/candidate.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import {
  buildCandidate,
  claimableSegments,
  roundUsd,
  segmentChange,
  segmentLabel,
  shareOf,
  worthReporting,
  type CandidateDraft,
} from './segment-change.js';
import { formatCount, formatUsd } from './snippets.js';

export const MIN_ERRORS = 5;

function qualifies(segment: SegmentProfile): boolean {
  return segment.errors >= MIN_ERRORS && worthReporting(segment.billed_error_cost_usd, segment);
}

const RETRY_POLICY = [
  '# LiteLLM router: retry only what a retry can fix, with backoff.',
  'router_settings:',
  '  num_retries: 2',
  '  retry_after: 1',
  '  retry_policy:',
  '    BadRequestErrorRetries: 0',
  '    ContentPolicyViolationErrorRetries: 0',
  '    AuthenticationErrorRetries: 0',
  '    TimeoutErrorRetries: 2',
  '    RateLimitErrorRetries: 3',
].join('\n');

function errorActions(segment: SegmentProfile): OpportunityAction[] {
  const counts =
    `${formatCount(segment.errors)} of ${formatCount(segment.requests)} requests failed ` +
    `(${formatUsd(segment.billed_error_cost_usd)} billed), ${formatCount(segment.retried_errors)} of them retried`;
  return [
    {
      title: 'Retry only retryable errors, with backoff and a cap',
      detail: `${counts}. Do not resend requests that failed for their content (bad request, context too long, policy); retry rate limits and timeouts with exponential backoff.`,
      snippet: RETRY_POLICY,
      language: 'yaml',
    },
    {
      title: 'Validate requests before sending them',
      detail:
        "Check the prompt length against the model's context window, the max_tokens value and the output " +
        'schema before the call, and fix the failing cases at the source; look up the error types of ' +
        `${segmentLabel(segment)} to find the dominant cause.`,
    },
  ];
}

function errorEvidence(segment: SegmentProfile): Record<string, unknown> {
  return {
    errors: segment.errors,
    error_share: shareOf(segment.errors, segment.requests),
    billed_error_cost_usd: roundUsd(segment.billed_error_cost_usd),
    retried_errors: segment.retried_errors,
  };
}

function candidateFor(segment: SegmentProfile): Candidate {
  const change = segmentChange(
    'error_waste',
    segment,
    (request) => request.status === 'error' && (request.cost_usd ?? 0) > 0,
    (bill) => ({ ...bill, eliminated: true }),
    { type: 'eliminate', when: 'failed' },
  );
  const draft: CandidateDraft = {
    title: `Stop paying for failed requests of ${segmentLabel(segment)}`,
    evidence: errorEvidence(segment),
    assumptions: [
      'Billed failures can be prevented (validation) or avoided (no retries of requests that cannot succeed).',
      'The saving counts only failed requests that were billed; successful retries still cost.',
    ],
    confidence: 'high',
    risk: 'low',
    effort: 'medium',
    actions: errorActions(segment),
  };
  return buildCandidate('error_waste', segment, draft, change);
}

/** Finds segments whose billed failures cost a noticeable share. Runs on all-failing segments too. */
export const analyzeErrorWaste: Analyzer = (context) =>
  claimableSegments(context.profile, false).filter(qualifies).map(candidateFor);
