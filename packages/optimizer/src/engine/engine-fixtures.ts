/**
 * Hand-built requests, profiles and candidates for the engine's unit tests.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Candidate } from '#analysis/candidate.js';
import type { Change, RequestBill } from '#analysis/change.js';
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';
import { NO_ORIGINS, segmentProfile, spendOf } from '#analyzers/test-support.js';
import type { OpportunityKind } from '#report-contract.js';

export function request(overrides: Partial<AnalyzedRequest> = {}): AnalyzedRequest {
  return {
    timestamp: Date.parse('2025-06-02T10:00:00Z'),
    request_count: 1,
    aggregated: false,
    feature: 'support',
    provider: 'openai',
    model: 'gpt-4o',
    priced_provider: 'openai',
    priced_model: 'gpt-4o',
    input_tokens: 1_000_000,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cache_write_1h_tokens: 0,
    web_search_requests: 0,
    cost_usd: 2.5,
    status: 'success',
    batch: false,
    stream: false,
    max_tokens: null,
    response_repeat: false,
    cacheable_prefix_tokens: 0,
    cache_write_prefix_tokens: 0,
    ...overrides,
  };
}

export function candidate(
  kind: OpportunityKind,
  applies: (request: AnalyzedRequest) => boolean,
  apply: (bill: RequestBill) => RequestBill,
  scope: Candidate['scope'] = { feature: 'support', provider: 'openai', model: 'gpt-4o' },
): Candidate {
  const change: Change = { kind, applies, apply: (bill) => apply(bill) };
  return {
    id: `${kind}:${scope.feature ?? ''}:${scope.provider ?? ''}/${scope.model ?? ''}`,
    kind,
    title: `${kind} test`,
    scope,
    confidence: 'medium',
    risk: 'low',
    effort: 'low',
    evidence: {},
    assumptions: [],
    actions: [{ title: 'do it', detail: 'really' }],
    requires_evaluation: false,
    change,
  };
}

export const eliminate = (bill: RequestBill): RequestBill => ({ ...bill, eliminated: true });
export const toBatch = (bill: RequestBill): RequestBill => ({ ...bill, batch: true });

/** A gpt-4o `support` segment of 1,000 requests costing $100 (otherwise the analyzers' clean segment). */
export function segment(overrides: Partial<SegmentProfile> = {}): SegmentProfile {
  return segmentProfile({
    feature: 'support',
    model: 'gpt-4o',
    priced_model: 'gpt-4o',
    cost_usd: 100,
    ...overrides,
  });
}

export function profile(overrides: Partial<WorkloadProfile> = {}): WorkloadProfile {
  const segments = overrides.segments ?? [segment()];
  return {
    period: { start: new Date('2025-06-01T00:00:00Z'), end: new Date('2025-06-11T00:00:00Z'), days: 10 },
    requests: segments.reduce((sum, one) => sum + one.requests, 0),
    cost_usd: segments.reduce((sum, one) => sum + one.cost_usd, 0),
    unpriced_requests: 0,
    origins: NO_ORIGINS,
    coverage: {
      tokens: 1,
      latency: 1,
      status: 1,
      feature: 1,
      prompt_hash: 1,
      prefix_hashes: 1,
      prompt: 0,
      priced: 1,
    },
    segments,
    spend: spendOf(segments),
    ...overrides,
  };
}

export async function* chunks<T>(...groups: T[][]): AsyncIterable<T[]> {
  for (const group of groups) {
    await Promise.resolve();
    yield group;
  }
}
