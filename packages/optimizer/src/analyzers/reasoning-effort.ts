/**
 * reasoning_effort: a reasoning model that spends most of its output thinking while the visible
 * answers are short. A lower effort setting (OpenAI) or a smaller thinking budget (Anthropic,
 * Gemini) is assumed to halve the reasoning; quality must be checked, so it is marked for evaluation.
 * @module
 */
import type { Analyzer, Candidate } from '#analysis/candidate.js';
import type { RequestBill } from '#analysis/change.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import {
  buildCandidate,
  claimableSegments,
  round2,
  segmentChange,
  segmentLabel,
  shareOf,
  type CandidateDraft,
  featureLabel,
} from './segment-change.js';
import { apiFamily, formatCount, jsonSnippet } from './snippets.js';

/** The share of reasoning tokens a lower effort setting is assumed to save. */
export const REASONING_EFFORT_REDUCTION = 0.5;
export const MIN_REASONING_SHARE = 0.5;
export const MAX_VISIBLE_OUTPUT_PER_REQUEST = 300;
// Anthropic rejects thinking budgets below this.
const MIN_THINKING_BUDGET = 1_024;

function visibleOutputPerRequest(segment: SegmentProfile): number {
  return (segment.output_tokens - segment.reasoning_tokens) / segment.requests;
}

function qualifies(segment: SegmentProfile): boolean {
  return (
    segment.reasoning_tokens > 0 &&
    segment.reasoning_tokens >= MIN_REASONING_SHARE * segment.output_tokens &&
    visibleOutputPerRequest(segment) <= MAX_VISIBLE_OUTPUT_PER_REQUEST
  );
}

/** The bill with half the reasoning gone; output shrinks by the same tokens (it includes reasoning). */
function reducedBill(bill: RequestBill): RequestBill {
  const cut = bill.usage.reasoning_tokens * REASONING_EFFORT_REDUCTION;
  const usage = {
    ...bill.usage,
    reasoning_tokens: bill.usage.reasoning_tokens - cut,
    output_tokens: bill.usage.output_tokens - cut,
  };
  return { ...bill, usage };
}

function effortSetting(segment: SegmentProfile): { title: string; body: Record<string, unknown> } {
  const perRequest = segment.reasoning_tokens / segment.requests;
  const budget = Math.max(MIN_THINKING_BUDGET, Math.round(perRequest * REASONING_EFFORT_REDUCTION));
  switch (apiFamily(segment.priced_provider)) {
    case 'anthropic':
      return {
        title: `Give extended thinking a budget of ${formatCount(budget)} tokens`,
        body: { thinking: { type: 'enabled', budget_tokens: budget } },
      };
    case 'google':
      return {
        title: `Set the thinking budget to ${formatCount(budget)} tokens`,
        body: { generationConfig: { thinkingConfig: { thinkingBudget: budget } } },
      };
    case 'openai':
    case 'other':
      return { title: 'Set reasoning_effort to "low"', body: { reasoning_effort: 'low' } };
  }
}

function effortActions(segment: SegmentProfile): OpportunityAction[] {
  const setting = effortSetting(segment);
  return [
    {
      title: setting.title,
      detail:
        `${featureLabel(segment)} spends ${formatCount(segment.reasoning_tokens / segment.requests)} reasoning tokens ` +
        `per request for ${formatCount(visibleOutputPerRequest(segment))} visible ones. ` +
        '(Responses API: `reasoning: {"effort": "low"}`.)',
      snippet: jsonSnippet(setting.body),
      language: 'json',
    },
    {
      title: 'Evaluate answers at the lower effort',
      detail: 'Compare a sample of answers at the current and the lower setting before rollout.',
    },
  ];
}

function reasoningEvidence(segment: SegmentProfile): Record<string, unknown> {
  return {
    reasoning_tokens: segment.reasoning_tokens,
    output_tokens: segment.output_tokens,
    reasoning_share_of_output: shareOf(segment.reasoning_tokens, segment.output_tokens),
    reasoning_per_request: round2(segment.reasoning_tokens / segment.requests),
    visible_output_per_request: round2(visibleOutputPerRequest(segment)),
    assumed_reasoning_reduction: REASONING_EFFORT_REDUCTION,
  };
}

function candidateFor(segment: SegmentProfile): Candidate {
  const change = segmentChange(
    'reasoning_effort',
    segment,
    (request) => request.reasoning_tokens > 0,
    reducedBill,
    { type: 'reduce_reasoning', share: REASONING_EFFORT_REDUCTION },
  );
  const draft: CandidateDraft = {
    title: `Lower the reasoning effort of ${segmentLabel(segment)}`,
    evidence: reasoningEvidence(segment),
    assumptions: [
      `A lower effort setting cuts reasoning tokens by ${REASONING_EFFORT_REDUCTION * 100}%.`,
      'Short visible answers do not need the current depth of reasoning.',
    ],
    confidence: 'low',
    risk: 'medium',
    effort: 'low',
    actions: effortActions(segment),
    requiresEvaluation: true,
  };
  return buildCandidate('reasoning_effort', segment, draft, change);
}

/** Finds reasoning-heavy features whose visible answers are short. */
export const analyzeReasoningEffort: Analyzer = (context) =>
  claimableSegments(context.profile).filter(qualifies).map(candidateFor);
