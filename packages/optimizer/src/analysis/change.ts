import type { OpportunityKind } from '#report-contract.js';
import type { TokenUsage } from '#pricing/pricing-contract.js';
import type { AnalyzedRequest } from './analyzed-request.js';

/** How a request would be billed: what a change rewrites. */
export interface RequestBill {
  provider: string;
  model: string;
  usage: TokenUsage;
  batch: boolean;
  /** The request would not be sent at all (served from a cache, a retry avoided). */
  eliminated: boolean;
}

/**
 * One proposed change, as a rewrite of the bills of the requests it touches. An opportunity is a
 * change plus its evidence; the plan applies every chosen change to each request together, in
 * CHANGE_ORDER, so savings that overlap are counted once and no request saves more than it cost.
 */
export interface Change {
  readonly kind: OpportunityKind;
  /**
   * Whether the change touches this request: never outside the scope of the candidate it belongs to
   * (the quantification pass asks a request only the candidates whose scope covers its segment).
   */
  applies(request: AnalyzedRequest): boolean;
  /** The bill after the change (the input bill may already carry earlier changes). */
  apply(bill: RequestBill, request: AnalyzedRequest): RequestBill;
  /**
   * The same change as data, for a source that re-prices the requests where they are stored
   * (UsageSource.measure): `applies` and `apply` of the segment's requests, rule for rule. A change
   * without one is measured request by request.
   */
  readonly rule?: ChangeRule;
}

/**
 * What a change does to a request of its segment (request-level kinds: individual rows only).
 * `eliminate`: not sent when it failed with a cost (`failed`) or repeats an answer (`repeat`);
 * `reroute`: billed on another model (and provider, when named); `trim_input`: input cut to the
 * budget, cached parts scaled down with it; `cap_output`: output (and reasoning) cut to the cap;
 * `reduce_reasoning`: that share of the reasoning tokens not generated; `cache_prefix`: the
 * reusable prefix read from the cache (and, when writes are priced, written to it); `batch`:
 * billed at batch prices when neither streamed nor batched already.
 */
export type ChangeRule =
  | { type: 'eliminate'; when: 'failed' | 'repeat' }
  | { type: 'reroute'; model: string; provider?: string }
  | { type: 'trim_input'; budget: number }
  | { type: 'cap_output'; cap: number }
  | { type: 'reduce_reasoning'; share: number }
  | { type: 'cache_prefix'; minTokens: number; writesPriced: boolean }
  | { type: 'batch' };

/**
 * The order changes compose in: requests that disappear first, then what is sent (model, provider,
 * prompt and output size), then how it is billed (prompt caching, batch).
 */
export const CHANGE_ORDER: readonly OpportunityKind[] = [
  'error_waste',
  'response_caching',
  'model_rightsizing',
  'provider_arbitrage',
  'context_trimming',
  'output_length',
  'reasoning_effort',
  'prompt_caching',
  'batch_api',
];
