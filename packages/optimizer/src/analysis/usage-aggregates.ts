/**
 * The aggregates a UsageSource answers with, computed where the usage is stored. The engine turns
 * them into the WorkloadProfile (profile-workload) and the report's baseline. Token percentiles
 * are exact and interpolated inclusively, so reports are reproducible.
 *
 * Aggregated rows (a usage report's bucket: `request_count` requests from `timestamp` to
 * `period_end`) are weighted: every request count below is a sum of request_count, never a count of
 * rows, and per-request token percentiles read a bucket as request_count requests of its average size.
 * @module
 */

/** Requests, cost, period bounds and field coverage counts of a scope. */
export interface UsageTotals {
  requests: number;
  total_cost: number;
  /** Requests with no cost at all: the catalog cannot price them and the source stated none. */
  unpriced: number;
  /**
   * First event time and the end of the usage, epoch ms: the last bucket's end for aggregated
   * rows, the last request's time otherwise (meaningless when `requests` is 0).
   */
  start_ms: number;
  end_ms: number;
  /** Requests that aggregated rows stand for (usage-report buckets). */
  aggregated_requests: number;
  /** Requests of rows whose source reports no request count (each row counted as one request). */
  uncounted_requests: number;
  /** Requests costed at the source's stated cost because the catalog cannot price their model, and that cost. */
  reported_cost_requests: number;
  reported_cost: number;
  /** How many requests carry each field of §4.1. */
  with_tokens: number;
  with_latency: number;
  with_feature: number;
  with_prompt_hash: number;
  with_prefix_hashes: number;
  with_prompt: number;
  with_price: number;
}

/** What identifies a segment: feature × provider × model, as the events name them. */
export interface SegmentKey {
  feature: string;
  provider: string;
  model: string;
}

/** The figures of one segment that need no per-request flag. */
export interface SegmentFigures extends SegmentKey {
  /** The catalog model the segment is priced as: the newest priced one ('' when never priced). */
  pricing_provider: string;
  pricing_model: string;
  requests: number;
  /** Requests that aggregated rows stand for. */
  aggregated_requests: number;
  errors: number;
  /** Cost of failed requests that were billed (cost > 0). */
  billed_error_cost: number;
  total_cost: number;
  unpriced: number;
  input_sum: number;
  output_sum: number;
  cache_read_sum: number;
  cache_write_sum: number;
  reasoning_sum: number;
  /** Input tokens at p50 and p90. */
  input_q: number[];
  /** Output tokens at p50, p90 and p99. */
  output_q: number[];
  output_top: number;
  /** Latency at p50, p90 and p99 (null, or null entries, without latencies). */
  latency_q: (number | null)[] | null;
  ttft_median: number | null;
  /** Requests that set max_tokens, and its median when set. */
  max_tokens_set: number;
  max_tokens_median: number | null;
  streamed: number;
  batched: number;
  /** Requests by UTC hour of day (24 entries); requests of buckets longer than an hour are left out. */
  hours: number[];
  days_active: number;
  /** Requests tagged or labelled as offline/batch work. */
  offline: number;
  with_prompt_hash: number;
  with_prefix_hashes: number;
  with_prompt: number;
  session_count: number;
  /** Up to a few prompt texts (when the organization stores prompts), truncated. */
  samples: string[];
}

/** The sums of one segment's per-request flags (ARCHITECTURE §4.2 rules). */
export interface SegmentFlags extends SegmentKey {
  /** Failed requests followed by the same request within the retry window. */
  retried: number;
  /** Exact repeats of an earlier successful request within the response-cache TTL, and their cost. */
  repeats: number;
  repeat_cost: number;
  /** Cacheable prefix tokens, before and after the minimum-length rule (net of cache reads). */
  cacheable_sum: number;
  cacheable_min_rule_sum: number;
  /** Prefix tokens that would have to be written to the cache for later reuse. */
  write_sum: number;
}

/** Requests, cost and unpriced requests of one slice of usage. */
export interface CostFigures {
  requests: number;
  /** Netra's cost of the priced requests. */
  cost_usd: number;
  /**
   * Requests with no cost: the catalog does not know their model and the source stated no cost;
   * their cost is unknown, not zero. Requests costed at a stated cost are priced, not unpriced.
   */
  unpriced_requests: number;
}

/** Spend over a scope, in total and by model and feature (largest first). */
export interface CostSummary {
  requests: number;
  total_cost_usd: number;
  unpriced_requests: number;
  by_model: (CostFigures & { provider: string; model: string })[];
  by_feature: (CostFigures & { feature: string })[];
}
