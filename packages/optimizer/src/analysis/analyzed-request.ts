/**
 * One request as the per-request quantification pass reads it: the stored event's billing fields
 * plus flags the profile SQL computes with the TTL rules of ARCHITECTURE §4.2.
 * @module
 */

export interface AnalyzedRequest {
  /** Epoch ms. */
  timestamp: number;
  /**
   * How many requests the row stands for; an aggregated row (a usage-report bucket, `aggregated`)
   * carries the token totals of all of them, which price linearly like one bill.
   */
  request_count: number;
  aggregated: boolean;
  feature: string;
  provider: string;
  model: string;
  /** The catalog model the request was priced as ('' when unpriced). */
  priced_provider: string;
  priced_model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** Subset of cache_write_tokens written with the 1-hour TTL. */
  cache_write_1h_tokens: number;
  /** Server-side web searches, billed per search. */
  web_search_requests: number;
  /** Netra's cost at ingestion; null when unpriced. */
  cost_usd: number | null;
  status: 'success' | 'error';
  batch: boolean;
  stream: boolean;
  max_tokens: number | null;
  /** Repeats (same prompt_hash and model) an earlier successful request within the response-cache TTL. */
  response_repeat: boolean;
  /**
   * Leading prefix-block tokens already seen for the same model within the prompt-cache TTL
   * (refreshed on use), capped at input_tokens, BEFORE the minimum-length rule; 0 without hashes.
   */
  cacheable_prefix_tokens: number;
  /**
   * Prefix tokens this request would have to write to the cache because a later request within
   * the TTL reuses them while they were not cached now (the cost of warming the cache).
   */
  cache_write_prefix_tokens: number;
}
