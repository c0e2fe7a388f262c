/**
 * response_caching (ARCHITECTURE §4.2): requests that repeat an earlier successful request (same
 * prompt_hash and model) within the response-cache TTL could be answered from a cache; the repeat's
 * cost is saved.
 * @module
 */
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
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
  featureLabel,
} from './segment-change.js';
import { formatCount, formatUsd } from './snippets.js';

/** Without hashes on most requests, repeats cannot be told apart: no claim. */
export const MIN_PROMPT_HASH_SHARE = 0.5;
export const MIN_REPEAT_REQUESTS = 10;

function qualifies(segment: SegmentProfile): boolean {
  return (
    segment.with_prompt_hash_share >= MIN_PROMPT_HASH_SHARE &&
    segment.repeat_requests >= MIN_REPEAT_REQUESTS &&
    worthReporting(segment.repeat_cost_usd, segment)
  );
}

function litellmCacheSnippet(ttlSeconds: number): string {
  return [
    '# LiteLLM proxy config: answer exact repeats from Redis.',
    'litellm_settings:',
    '  cache: true',
    '  cache_params:',
    '    type: redis',
    `    ttl: ${ttlSeconds}`,
    '    supported_call_types: ["acompletion", "completion"]',
  ].join('\n');
}

function cacheActions(segment: SegmentProfile, ttlSeconds: number): OpportunityAction[] {
  return [
    {
      title: `Put a response cache in front of ${segment.model} for ${featureLabel(segment)}`,
      detail:
        `Key the cache on (model, prompt hash) and keep answers for ${ttlSeconds / 3600} h. Store only ` +
        `successful responses; ${formatCount(segment.repeat_requests)} requests in the period repeated one.`,
      snippet: litellmCacheSnippet(ttlSeconds),
      language: 'yaml',
    },
    {
      title: 'Bypass the cache where an answer must be fresh',
      detail:
        'Send `cache: {"no-cache": true}` (LiteLLM) for requests that depend on live data or must vary ' +
        '(sampling with a high temperature), and invalidate entries when the prompt template changes.',
    },
  ];
}

function repeatEvidence(segment: SegmentProfile, ttlHours: number): Record<string, unknown> {
  return {
    repeat_requests: segment.repeat_requests,
    repeat_share: shareOf(segment.repeat_requests, segment.requests),
    repeat_cost_usd: roundUsd(segment.repeat_cost_usd),
    ttl_hours: ttlHours,
    with_prompt_hash_share: segment.with_prompt_hash_share,
  };
}

function candidateFor(segment: SegmentProfile, context: AnalyzerContext): Candidate {
  const ttlHours = context.settings.responseCacheTtlMs / 3_600_000;
  const change = segmentChange(
    'response_caching',
    segment,
    (request) => request.response_repeat,
    (bill) => ({ ...bill, eliminated: true }),
    { type: 'eliminate', when: 'repeat' },
  );
  const draft: CandidateDraft = {
    title: `Cache repeated answers of ${segmentLabel(segment)}`,
    evidence: repeatEvidence(segment, ttlHours),
    assumptions: [
      `A repeat of the same prompt to the same model within ${ttlHours} h can get the earlier answer.`,
      `The ${formatUsd(segment.repeat_cost_usd)} the repeats cost would not be spent; cache hosting is not counted.`,
    ],
    confidence: segment.with_prompt_hash_share >= 0.9 ? 'high' : 'medium',
    risk: 'medium',
    effort: 'low',
    actions: cacheActions(segment, Math.round(ttlHours * 3600)),
  };
  return buildCandidate('response_caching', segment, draft, change);
}

/** Finds segments whose exact repeats a response cache would serve. */
export const analyzeResponseCaching: Analyzer = (context) =>
  claimableSegments(context.profile)
    .filter(qualifies)
    .map((segment) => candidateFor(segment, context));
