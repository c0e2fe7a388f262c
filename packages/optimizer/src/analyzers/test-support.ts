/**
 * Fixtures for the analyzer unit tests: a clean segment (one that must yield nothing), profiles,
 * analyzed requests and bills, and a context on the real price catalog.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Analyzer, AnalyzerContext, Candidate } from '#analysis/candidate.js';
import type { RequestBill } from '#analysis/change.js';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '#analysis/usage-source.js';
import type { CostFigures } from '#analysis/usage-aggregates.js';
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';
import { billCost as engineBillCost, originalBill } from '#engine/request-pricing.js';
import { createPriceCatalog, type PriceCatalog } from '#pricing/price-catalog.js';

/** One real catalog for every test: resolving is cached per catalog. */
export const catalog: PriceCatalog = createPriceCatalog();

const REQUESTS = 1_000;
/** 1,000 requests spread over all 24 UTC hours. */
const EVEN_HOURS = Array.from({ length: 24 }, (_, hour) => (hour < 16 ? 42 : 41));

const CLEAN_SEGMENT: SegmentProfile = {
  feature: 'clean-feature',
  provider: 'openai',
  model: 'gpt-4o-mini',
  priced_provider: 'openai',
  priced_model: 'gpt-4o-mini',
  requests: REQUESTS,
  aggregated_share: 0,
  errors: 0,
  billed_error_cost_usd: 0,
  retried_errors: 0,
  cost_usd: 10,
  unpriced_requests: 0,
  input_tokens: REQUESTS * 2_000,
  output_tokens: REQUESTS * 150,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
  input_p50: 2_000,
  input_p90: 3_000,
  output_p50: 150,
  output_p90: 250,
  output_p99: 400,
  output_max: 600,
  latency_p50: 800,
  latency_p90: 1_500,
  latency_p99: 3_000,
  ttft_p50: 200,
  max_tokens_share: 1,
  max_tokens_p50: 512,
  stream_share: 1,
  batch_share: 0,
  hours: [...EVEN_HOURS],
  active_days: 7,
  offline_share: 0,
  with_prompt_hash_share: 1,
  with_prefix_hashes_share: 1,
  with_prompt_share: 0,
  repeat_requests: 0,
  repeat_cost_usd: 0,
  cacheable_tokens: 0,
  cacheable_tokens_min_rule: 0,
  cache_write_prefix_tokens: 0,
  sessions: 0,
  prompt_samples: [],
};

/**
 * A clean segment: streamed, spread evenly over all hours, distinct prompt hashes and prefixes,
 * max_tokens set, no errors, a model with no cheaper rung or provider (gpt-4o-mini), no reasoning,
 * outputs without a long tail, input p90 < 3 × p50.
 */
export function segmentProfile(overrides: Partial<SegmentProfile> = {}): SegmentProfile {
  return { ...CLEAN_SEGMENT, hours: [...EVEN_HOURS], prompt_samples: [], ...overrides };
}

/**
 * The spend by model and feature that a usage source would report for these segments (in the
 * engine it comes from the source's own summary, never from the segments).
 */
export function spendOf(segments: readonly SegmentProfile[]): WorkloadProfile['spend'] {
  const slices = <K extends string>(keyOf: (segment: SegmentProfile) => Record<K, string>) => {
    const byKey = new Map<string, Record<K, string> & CostFigures>();
    for (const segment of segments) {
      const key = keyOf(segment);
      const id = JSON.stringify(key);
      const slice = byKey.get(id) ?? { ...key, requests: 0, cost_usd: 0, unpriced_requests: 0 };
      slice.requests += segment.requests;
      slice.cost_usd += segment.cost_usd;
      slice.unpriced_requests += segment.unpriced_requests;
      byKey.set(id, slice);
    }
    return [...byKey.values()].sort((a, b) => b.cost_usd - a.cost_usd || b.requests - a.requests);
  };
  return {
    by_model: slices(({ provider, model }) => ({ provider, model })),
    by_feature: slices(({ feature }) => ({ feature })),
  };
}

/** Request-level usage, all priced by the catalog. */
export const NO_ORIGINS = {
  aggregated_requests: 0,
  uncounted_requests: 0,
  reported_cost_requests: 0,
  reported_cost_usd: 0,
} as const;

/** A one-week profile over the given segments. */
export function workloadProfile(segments: SegmentProfile[]): WorkloadProfile {
  const sum = (pick: (segment: SegmentProfile) => number) =>
    segments.reduce((total, segment) => total + pick(segment), 0);
  const coverage = segments.length === 0 ? 0 : 1;
  return {
    period: { start: new Date('2026-05-01T00:00:00Z'), end: new Date('2026-05-08T00:00:00Z'), days: 7 },
    requests: sum((segment) => segment.requests),
    cost_usd: sum((segment) => segment.cost_usd),
    unpriced_requests: sum((segment) => segment.unpriced_requests),
    origins: NO_ORIGINS,
    coverage: {
      tokens: coverage,
      latency: coverage,
      status: coverage,
      feature: coverage,
      prompt_hash: coverage,
      prefix_hashes: coverage,
      prompt: 0,
      priced: coverage,
    },
    segments,
    spend: spendOf(segments),
  };
}

/** An analyzer context on the real catalog. */
export function analyzerContext(
  profile: WorkloadProfile,
  settings: AnalysisSettings = DEFAULT_SETTINGS,
): AnalyzerContext {
  return { profile, catalog, settings };
}

/** Runs one analyzer on a profile of the given segments. */
export function run(analyzer: Analyzer, ...segments: SegmentProfile[]): Candidate[] {
  return analyzer(analyzerContext(workloadProfile(segments)));
}

/** The single candidate an analyzer found; throws when there is not exactly one. */
export function only(candidates: Candidate[]): Candidate {
  const [first, ...rest] = candidates;
  if (first === undefined || rest.length > 0) {
    throw new Error(`expected exactly one candidate, got ${candidates.length}`);
  }
  return first;
}

const PLAIN_REQUEST = {
  timestamp: Date.parse('2026-05-02T10:00:00Z'),
  request_count: 1,
  aggregated: false,
  input_tokens: 2_000,
  output_tokens: 150,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
  cache_write_1h_tokens: 0,
  web_search_requests: 0,
  cost_usd: 0.01,
  status: 'success',
  batch: false,
  stream: false,
  max_tokens: null,
  response_repeat: false,
  cacheable_prefix_tokens: 0,
  cache_write_prefix_tokens: 0,
} satisfies Partial<AnalyzedRequest>;

/** A request of the segment (plain success, nothing cacheable) with the given overrides. */
export function analyzedRequest(
  segment: SegmentProfile,
  overrides: Partial<AnalyzedRequest> = {},
): AnalyzedRequest {
  const { feature, provider, model, priced_provider, priced_model } = segment;
  return { ...PLAIN_REQUEST, feature, provider, model, priced_provider, priced_model, ...overrides };
}

/** The bill a request has before any change: the engine's own starting bill. */
export const billOf = originalBill;

/** Applies a candidate's change to a request the way the engine does, checking it does not mutate. */
export function applyChange(candidate: Candidate, request: AnalyzedRequest): RequestBill | null {
  if (!candidate.change.applies(request)) {
    return null;
  }
  const before = billOf(request);
  const snapshot = structuredClone(before);
  const after = candidate.change.apply(before, request);
  if (JSON.stringify(before) !== JSON.stringify(snapshot) || after === before) {
    throw new Error('a change must return a new bill and leave the input bill untouched');
  }
  return after;
}

/** The cost of a bill on the real catalog now (0 when eliminated, NaN when unpriced). */
export function billCost(bill: RequestBill): number {
  return engineBillCost(catalog, bill, new Date()) ?? Number.NaN;
}

/** `applyChange` for a request the change must touch. */
export function mustApply(candidate: Candidate, request: AnalyzedRequest): RequestBill {
  const bill = applyChange(candidate, request);
  if (bill === null) {
    throw new Error(`${candidate.id} does not apply to the request`);
  }
  return bill;
}
