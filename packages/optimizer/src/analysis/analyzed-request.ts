/**
 * One request as the per-request quantification pass reads it: the stored event's billing fields
 * plus flags the profile SQL computes with the TTL rules of ARCHITECTURE §4.2.
 * @module
 */

export interface AnalyzedRequest {
  /** Epoch ms. */
  timestamp: number;
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
