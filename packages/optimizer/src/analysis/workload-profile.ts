/**
 * The workload profile: what the usage looks like, aggregated where it is stored per feature ×
 * provider × model ("segment"). Analyzers decide from it which opportunities exist and cite it as
 * evidence; dollars are then measured by re-pricing requests (see quantify).
 * @module
 */
import type { CostSummary } from './usage-aggregates.js';

/** One feature × provider × model slice of the usage. All token and cost figures are sums. */
export interface SegmentProfile {
  feature: string;
  provider: string;
  model: string;
  priced_provider: string;
  priced_model: string;
  requests: number;
  /**
   * Share of the requests that come from aggregated rows (usage-report buckets): their per-request
   * sizes are bucket averages, and they carry no per-request detail (hashes, streaming, latency).
   */
  aggregated_share: number;
  errors: number;
  /** Cost of failed requests that were billed (cost > 0). */
  billed_error_cost_usd: number;
  /** Failed requests followed by a retry (same prompt_hash and model) within 10 minutes. */
  retried_errors: number;
  cost_usd: number;
  unpriced_requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  input_p50: number;
  input_p90: number;
  output_p50: number;
  output_p90: number;
  output_p99: number;
  output_max: number;
  latency_p50: number | null;
  latency_p90: number | null;
  latency_p99: number | null;
  ttft_p50: number | null;
  /** Share of requests that set max_tokens, and its median when set. */
  max_tokens_share: number;
  max_tokens_p50: number | null;
  stream_share: number;
  batch_share: number;
  /** Requests by UTC hour of day (24 entries); requests of buckets longer than an hour are left out. */
  hours: number[];
  /** Distinct UTC days with requests. */
  active_days: number;
  /** Share of requests tagged or labelled as offline/batch work (`tags` has `offline`/`batch`, or metadata `interactive=false`). */
  offline_share: number;
  with_prompt_hash_share: number;
  with_prefix_hashes_share: number;
  with_prompt_share: number;
  /** Response caching (§4.2): repeats of an earlier successful request within the TTL, and their cost. */
  repeat_requests: number;
  repeat_cost_usd: number;
  /** Prompt caching (§4.2): cacheable prefix tokens before and after the minimum-length rule. */
  cacheable_tokens: number;
  cacheable_tokens_min_rule: number;
  cache_write_prefix_tokens: number;
  /** Distinct session ids (conversations) and the mean requests per session. */
  sessions: number;
  /** Up to a few prompt texts (when the organization stores prompts), for task classification. */
  prompt_samples: string[];
}

/** Which fields of §4.1 the data holds, as the share of requests that have them. */
export interface FieldCoverage {
  tokens: number;
  latency: number;
  status: number;
  feature: number;
  prompt_hash: number;
  prefix_hashes: number;
  prompt: number;
  priced: number;
}

/** How much of the usage is aggregated, or costed from what the source stated. */
export interface UsageOrigins {
  /** Requests that aggregated rows (usage-report buckets) stand for. */
  aggregated_requests: number;
  /** Requests of rows whose source reports no request count (each row counted as one). */
  uncounted_requests: number;
  /** Requests costed at the source's stated cost (the catalog cannot price the model), and that cost. */
  reported_cost_requests: number;
  reported_cost_usd: number;
}

/** What a scope's totals alone tell: enough to judge whether the data suffices (engine/sufficiency). */
export interface WorkloadTotals {
  /** From the first request (or bucket start) to the last request (or bucket end). */
  period: { start: Date; end: Date; days: number };
  requests: number;
  cost_usd: number;
  unpriced_requests: number;
  origins: UsageOrigins;
  coverage: FieldCoverage;
}

export interface WorkloadProfile extends WorkloadTotals {
  segments: SegmentProfile[];
  /** The spend by provider × model and by feature (largest first): the report's baseline slices. */
  spend: Pick<CostSummary, 'by_model' | 'by_feature'>;
}
