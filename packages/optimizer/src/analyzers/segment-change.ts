/**
 * What every analyzer shares: which segments may carry a claim, the "applies to this segment" part
 * of a change, and the builder that turns a finding into a Candidate with its id and scope.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Candidate } from '#analysis/candidate.js';
import type { Change, ChangeRule, RequestBill } from '#analysis/change.js';
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';
import type { OpportunityKind } from '#report-contract.js';
import type { RatingLevel, OpportunityAction } from '@netra/shared/contracts';

/** A finding must be worth at least this share of its segment's cost to be worth reporting. */
export const MIN_SHARE_OF_SEGMENT_COST = 0.01;

/** A segment has dollars to save: priced (no dollars for unpriced segments) and with a cost. */
export function isPriced(segment: SegmentProfile): boolean {
  return segment.priced_model !== '' && segment.cost_usd > 0;
}

/**
 * Segments a claim may be made on. Every lever but error_waste assumes the feature works: when all
 * of its requests fail, the only honest advice is to fix the failures first.
 */
export function claimableSegments(profile: WorkloadProfile, needsSuccesses = true): SegmentProfile[] {
  return profile.segments.filter(
    (segment) => isPriced(segment) && (!needsSuccesses || segment.requests > segment.errors),
  );
}

/** Whether an amount clears the 1%-of-segment-cost bar. */
export function worthReporting(amountUsd: number, segment: SegmentProfile): boolean {
  return amountUsd > 0 && amountUsd >= MIN_SHARE_OF_SEGMENT_COST * segment.cost_usd;
}

/** Whether a request is one of the segment's (same feature, provider and model as events name them). */
export function belongsTo(segment: SegmentProfile, request: AnalyzedRequest): boolean {
  return (
    request.feature === segment.feature &&
    request.provider === segment.provider &&
    request.model === segment.model
  );
}

/**
 * Levers decided request by request (an exact repeat, a shared prefix, one answer's length, one
 * prompt's size): an aggregated row is the total of many requests over a bucket, so they never
 * apply to it and are measured on the request-level rows only.
 */
export const REQUEST_LEVEL_KINDS: ReadonlySet<OpportunityKind> = new Set([
  'response_caching',
  'prompt_caching',
  'output_length',
  'context_trimming',
]);

/**
 * Whether most of a segment's requests come as individual rows: levers that read per-request
 * distributions (length percentiles, tails) need them, and a bucket only gives an average.
 */
export function mostlyRequestLevel(segment: SegmentProfile): boolean {
  return segment.aggregated_share < 0.5;
}

/**
 * A change limited to one segment: `touches` narrows it further, `rewrite` returns a new bill, and
 * `rule` says both as data (the segment and the request-level restriction are the candidate's).
 */
export function segmentChange(
  kind: OpportunityKind,
  segment: SegmentProfile,
  touches: (request: AnalyzedRequest) => boolean,
  rewrite: (bill: RequestBill, request: AnalyzedRequest) => RequestBill,
  rule: ChangeRule,
): Change {
  const requestLevel = REQUEST_LEVEL_KINDS.has(kind);
  return {
    kind,
    applies: (request) =>
      belongsTo(segment, request) && !(requestLevel && request.aggregated) && touches(request),
    apply: rewrite,
    rule,
  };
}

/** What a claim on a segment with aggregated rows rests on, in words (none without such rows). */
export function aggregatedAssumptions(kind: OpportunityKind, segment: SegmentProfile): string[] {
  if (segment.aggregated_share === 0) {
    return [];
  }
  const share = `${Math.round(segment.aggregated_share * 1000) / 10}%`;
  const origin =
    `${share} of these requests come from aggregated usage-report rows (token totals per time ` +
    'bucket, each standing for its request count)';
  if (REQUEST_LEVEL_KINDS.has(kind)) {
    return [
      `${origin}; this lever is decided request by request, so the figure counts only the individual requests.`,
    ];
  }
  return [
    `${origin}; per-request sizes there are bucket averages, and streaming, latency and prompts are not known for them.`,
  ];
}

/** Everything an analyzer decides about one finding; the builder adds id, kind and scope. */
export interface CandidateDraft {
  title: string;
  evidence: Record<string, unknown>;
  assumptions: string[];
  confidence: RatingLevel;
  risk: RatingLevel;
  effort: RatingLevel;
  actions: OpportunityAction[];
  requiresEvaluation?: boolean;
}

/** The opportunity id the report and the plan refer to. */
export function opportunityId(kind: OpportunityKind, segment: SegmentProfile): string {
  return `${kind}:${segment.feature}:${segment.provider}/${segment.model}`;
}

/** A Candidate for one segment. */
export function buildCandidate(
  kind: OpportunityKind,
  segment: SegmentProfile,
  draft: CandidateDraft,
  change: Change,
): Candidate {
  return {
    id: opportunityId(kind, segment),
    kind,
    title: draft.title,
    scope: { feature: segment.feature, provider: segment.provider, model: segment.model },
    confidence: draft.confidence,
    risk: draft.risk,
    effort: draft.effort,
    evidence: { ...segmentEvidence(segment), ...draft.evidence },
    assumptions: [...draft.assumptions, ...aggregatedAssumptions(kind, segment)],
    actions: draft.actions,
    requires_evaluation: draft.requiresEvaluation ?? false,
    change,
  };
}

/** The segment figures every opportunity cites. */
function segmentEvidence(segment: SegmentProfile): Record<string, unknown> {
  return {
    segment_requests: segment.requests,
    segment_cost_usd: roundUsd(segment.cost_usd),
    priced_as: `${segment.priced_provider}/${segment.priced_model}`,
  };
}

/** Dollars kept to a millionth: enough for small segments, readable in JSON. */
export function roundUsd(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

/** A part of a whole as a 0–1 share with four decimals (0 when the whole is empty). */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1e4) / 1e4 : 0;
}

/** A figure rounded to two decimals for evidence. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What the requests of a segment without a feature are called in text. */
function unnamedTraffic(segment: SegmentProfile): string {
  return `${segment.model} traffic without a feature`;
}

/**
 * How a segment is named in titles: the feature and the model as the events name it, or the
 * model's traffic without a feature (events need not carry one).
 */
export function segmentLabel(segment: SegmentProfile): string {
  return segment.feature === '' ? unnamedTraffic(segment) : `\`${segment.feature}\` on ${segment.model}`;
}

/** How a segment's feature is named in text: `` `chat` ``, or the model's traffic without a feature. */
export function featureLabel(segment: SegmentProfile): string {
  return segment.feature === '' ? unnamedTraffic(segment) : `\`${segment.feature}\``;
}

/** A feature's `noun` (requests, prompts…): `` `chat` requests ``, or requests of the model's traffic without a feature. */
export function featureItems(segment: SegmentProfile, noun: string): string {
  return segment.feature === '' ? `${noun} of ${unnamedTraffic(segment)}` : `\`${segment.feature}\` ${noun}`;
}

/** A plain name for identifiers in snippets (batch ids, router aliases, cache keys). */
export function featureSlug(segment: SegmentProfile): string {
  return segment.feature === '' ? segment.model.replace(/[^A-Za-z0-9_-]+/g, '-') : segment.feature;
}
