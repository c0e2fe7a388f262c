/**
 * context_trimming: a feature whose typical prompt is already long and whose p90 is several times
 * the median (conversation history or retrieved context growing unchecked). Trimming to 2× the
 * median bounds it; quality must be checked, so it is always marked for evaluation.
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
  round2,
  segmentChange,
  segmentLabel,
  type CandidateDraft,
  featureLabel,
} from './segment-change.js';
import { formatCount } from './snippets.js';

export const MIN_INPUT_P50 = 1_000;
export const P90_GROWTH_FACTOR = 3;
const BUDGET_FACTOR = 2;
const BUDGET_STEP = 256;

/** The proposed input budget: 2× the median input, rounded up to a multiple of 256. */
export function contextBudget(inputP50: number): number {
  return Math.ceil((BUDGET_FACTOR * inputP50) / BUDGET_STEP) * BUDGET_STEP;
}

/** Growth needs individual prompts: a bucket of a usage report only gives their average. */
function qualifies(segment: SegmentProfile): boolean {
  return (
    mostlyRequestLevel(segment) &&
    segment.input_p50 >= MIN_INPUT_P50 &&
    segment.input_p90 >= P90_GROWTH_FACTOR * segment.input_p50
  );
}

/**
 * The bill with input cut to the budget. Uncached tokens go first (cached ones are the stable
 * prefix, trimmed last), so cache reads and writes shrink only when they alone exceed the budget.
 */
export function trimmedBill(bill: RequestBill, budget: number): RequestBill {
  const usage = { ...bill.usage, input_tokens: Math.min(bill.usage.input_tokens, budget) };
  const cached = usage.cache_read_tokens + usage.cache_write_tokens;
  if (cached > usage.input_tokens) {
    const scale = usage.input_tokens / cached;
    usage.cache_read_tokens = Math.floor(usage.cache_read_tokens * scale);
    usage.cache_write_tokens = Math.min(
      Math.floor(usage.cache_write_tokens * scale),
      usage.input_tokens - usage.cache_read_tokens,
    );
    if (usage.cache_write_1h_tokens !== undefined) {
      usage.cache_write_1h_tokens = Math.min(usage.cache_write_1h_tokens, usage.cache_write_tokens);
    }
  }
  return { ...bill, usage };
}

function trimSnippet(budget: number): string {
  return [
    '// Keep the system prompt and the newest turns within the budget; summarise what falls out.',
    `const INPUT_BUDGET_TOKENS = ${budget};`,
    'function trimHistory(system: Message, turns: Message[], count: (m: Message) => number): Message[] {',
    '  const kept: Message[] = [];',
    '  let used = count(system);',
    '  for (const turn of [...turns].reverse()) {',
    '    if (used + count(turn) > INPUT_BUDGET_TOKENS) break;',
    '    kept.unshift(turn);',
    '    used += count(turn);',
    '  }',
    '  return [system, ...kept];',
    '}',
  ].join('\n');
}

function trimActions(segment: SegmentProfile, budget: number): OpportunityAction[] {
  return [
    {
      title: `Trim the context of ${featureLabel(segment)} to ${formatCount(budget)} tokens`,
      detail:
        `The median prompt is ${formatCount(segment.input_p50)} tokens but the p90 is ${formatCount(segment.input_p90)}. ` +
        'Keep the newest conversation turns (or the top-ranked retrieved chunks) within the budget and replace ' +
        'older history with a running summary.',
      snippet: trimSnippet(budget),
      language: 'ts',
    },
    {
      title: 'Evaluate answer quality on long conversations',
      detail: 'Replay the longest prompts with the trimmed context and compare answers before rollout.',
    },
  ];
}

function trimEvidence(segment: SegmentProfile, budget: number): Record<string, unknown> {
  return {
    input_p50: segment.input_p50,
    input_p90: segment.input_p90,
    input_p90_over_p50: round2(segment.input_p90 / segment.input_p50),
    proposed_input_budget: budget,
    sessions: segment.sessions,
    requests_per_session: segment.sessions > 0 ? round2(segment.requests / segment.sessions) : null,
  };
}

function candidateFor(segment: SegmentProfile): Candidate {
  const budget = contextBudget(segment.input_p50);
  const change = segmentChange(
    'context_trimming',
    segment,
    (request) => request.input_tokens > budget,
    (bill) => trimmedBill(bill, budget),
    { type: 'trim_input', budget },
  );
  const draft: CandidateDraft = {
    title: `Trim the context of ${segmentLabel(segment)} to ${formatCount(budget)} tokens`,
    evidence: trimEvidence(segment, budget),
    assumptions: [
      `Prompts past ${formatCount(budget)} tokens (2× the median) carry history or context the answer does not need.`,
      'Cached prefix tokens are kept as long as the budget allows.',
    ],
    confidence: 'low',
    risk: 'medium',
    effort: 'medium',
    actions: trimActions(segment, budget),
    requiresEvaluation: true,
  };
  return buildCandidate('context_trimming', segment, draft, change);
}

/** Finds features whose prompts grow far past their median. */
export const analyzeContextTrimming: Analyzer = (context) =>
  claimableSegments(context.profile).filter(qualifies).map(candidateFor);
