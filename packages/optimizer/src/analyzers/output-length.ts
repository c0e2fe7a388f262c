/**
 * output_length: a feature without a max_tokens limit whose outputs have a long tail (a few
 * runaway answers far past the typical length). Capping output at 1.5× the p90 bounds that tail;
 * the figure assumes the tokens past the cap were not needed.
 * @module
 */
import type { Analyzer, Candidate } from '#analysis/candidate.js';
import type { RequestBill } from '#analysis/change.js';
import type { SegmentProfile } from '#analysis/workload-profile.js';
import type { OpportunityAction } from '@netra/shared/contracts';
import {
  buildCandidate,
  claimableSegments,
  mostlyRequestLevel,
  segmentChange,
  segmentLabel,
  type CandidateDraft,
  featureLabel,
} from './segment-change.js';
import { apiFamily, formatCount, jsonSnippet } from './snippets.js';

export const MAX_MAX_TOKENS_SHARE = 0.5;
export const P99_TAIL_FACTOR = 3;
export const MAX_TAIL_FACTOR = 4;
const CAP_HEADROOM = 1.5;
const CAP_STEP = 64;

/** The proposed max_tokens: 1.5× the p90 output, rounded up to a multiple of 64. */
export function outputCap(outputP90: number): number {
  return Math.ceil((outputP90 * CAP_HEADROOM) / CAP_STEP) * CAP_STEP;
}

function hasLongTail(segment: SegmentProfile): boolean {
  const p90 = segment.output_p90;
  return (
    p90 > 0 && (segment.output_p99 >= P99_TAIL_FACTOR * p90 || segment.output_max >= MAX_TAIL_FACTOR * p90)
  );
}

/** A tail needs individual answers: a bucket of a usage report only gives their average. */
function qualifies(segment: SegmentProfile): boolean {
  return (
    mostlyRequestLevel(segment) && segment.max_tokens_share < MAX_MAX_TOKENS_SHARE && hasLongTail(segment)
  );
}

/** The bill with output capped; reasoning is part of output, so it cannot exceed the new output. */
function cappedBill(bill: RequestBill, cap: number): RequestBill {
  const output = Math.min(bill.usage.output_tokens, cap);
  const reasoning = Math.min(bill.usage.reasoning_tokens, output);
  return { ...bill, usage: { ...bill.usage, output_tokens: output, reasoning_tokens: reasoning } };
}

function capSetting(provider: string, cap: number): Record<string, unknown> {
  switch (apiFamily(provider)) {
    case 'openai':
      // Chat Completions: max_completion_tokens replaces max_tokens and also bounds reasoning.
      return { max_completion_tokens: cap };
    case 'google':
      return { generationConfig: { maxOutputTokens: cap } };
    case 'anthropic':
    case 'other':
      return { max_tokens: cap };
  }
}

function capActions(segment: SegmentProfile, cap: number): OpportunityAction[] {
  return [
    {
      title: `Set max_tokens to ${cap} for ${featureLabel(segment)}`,
      detail:
        `${formatCount(segment.output_p90)} tokens cover 90% of answers but some run to ` +
        `${formatCount(segment.output_max)}; a ${cap}-token limit leaves 50% headroom over the p90.`,
      snippet: jsonSnippet(capSetting(segment.priced_provider, cap)),
      language: 'json',
    },
    {
      title: 'Handle truncated answers',
      detail:
        'Check the finish reason (`length` / `max_tokens`) and log those requests; if they matter, ask for a ' +
        'more concise answer in the prompt rather than raising the limit.',
    },
  ];
}

function outputEvidence(segment: SegmentProfile, cap: number): Record<string, unknown> {
  return {
    output_p50: segment.output_p50,
    output_p90: segment.output_p90,
    output_p99: segment.output_p99,
    output_max: segment.output_max,
    max_tokens_share: segment.max_tokens_share,
    proposed_max_tokens: cap,
  };
}

function candidateFor(segment: SegmentProfile): Candidate {
  const cap = outputCap(segment.output_p90);
  const change = segmentChange(
    'output_length',
    segment,
    (request) => request.output_tokens > cap,
    (bill) => cappedBill(bill, cap),
    { type: 'cap_output', cap },
  );
  const draft: CandidateDraft = {
    title: `Cap the output of ${segmentLabel(segment)} at ${cap} tokens`,
    evidence: outputEvidence(segment, cap),
    assumptions: [
      `Output past ${cap} tokens (1.5× the p90) is a runaway answer the feature does not need.`,
      'Requests below the cap are unaffected.',
    ],
    confidence: 'low',
    risk: 'medium',
    effort: 'low',
    actions: capActions(segment, cap),
  };
  return buildCandidate('output_length', segment, draft, change);
}

/** Finds uncapped features whose outputs have a long tail. */
export const analyzeOutputLength: Analyzer = (context) =>
  claimableSegments(context.profile).filter(qualifies).map(candidateFor);
