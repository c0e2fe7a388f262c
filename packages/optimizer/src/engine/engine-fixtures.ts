/**
 * Hand-built requests, profiles and candidates for the engine's unit tests.
 * @module
 */
import type { AnalyzedRequest } from '#analysis/analyzed-request.js';
import type { Candidate } from '#analysis/candidate.js';
import type { Change, RequestBill } from '#analysis/change.js';
import type { SegmentProfile, WorkloadProfile } from '#analysis/workload-profile.js';
import type { OpportunityKind } from '#report-contract.js';

export function request(overrides: Partial<AnalyzedRequest> = {}): AnalyzedRequest {
  return {
    timestamp: Date.parse('2025-06-02T10:00:00Z'),
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

export function segment(overrides: Partial<SegmentProfile> = {}): SegmentProfile {
  return {
    feature: 'support',
    provider: 'openai',
    model: 'gpt-4o',
    priced_provider: 'openai',
    priced_model: 'gpt-4o',
    requests: 1000,
    errors: 0,
    billed_error_cost_usd: 0,
    retried_errors: 0,
    cost_usd: 100,
    unpriced_requests: 0,
    input_tokens: 1,
    output_tokens: 1,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    input_p50: 1,
    input_p90: 1,
    output_p50: 1,
    output_p90: 1,
    output_p99: 1,
    output_max: 1,
    latency_p50: null,
    latency_p90: null,
    latency_p99: null,
    ttft_p50: null,
    max_tokens_share: 1,
    max_tokens_p50: null,
    stream_share: 1,
    batch_share: 0,
    hours: Array.from({ length: 24 }, () => 0),
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
    ...overrides,
  };
}

export function profile(overrides: Partial<WorkloadProfile> = {}): WorkloadProfile {
  const segments = overrides.segments ?? [segment()];
  return {
    period: { start: new Date('2025-06-01T00:00:00Z'), end: new Date('2025-06-11T00:00:00Z'), days: 10 },
    requests: segments.reduce((sum, one) => sum + one.requests, 0),
    cost_usd: segments.reduce((sum, one) => sum + one.cost_usd, 0),
    unpriced_requests: 0,
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
    ...overrides,
  };
}

export async function* chunks<T>(...groups: T[][]): AsyncIterable<T[]> {
  for (const group of groups) {
    await Promise.resolve();
    yield group;
  }
}
