/**
 * The pricing API the rest of the platform calls (ingestion prices every event with it; the
 * optimizer re-prices what-if scenarios with it). Implemented by the price catalog and cost engine.
 */

/**
 * Token counts in the canonical inclusive convention (ARCHITECTURE §4.1), and the server-side tool
 * calls billed per call alongside them.
 */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  /** Subset of input_tokens read from a provider prompt cache. */
  cache_read_tokens: number;
  /** Subset of input_tokens written to a provider prompt cache. */
  cache_write_tokens: number;
  /** Subset of output_tokens spent on reasoning. */
  reasoning_tokens: number;
  /**
   * Subset of cache_write_tokens written with a 1-hour lifetime (Anthropic's `ephemeral_1h`); the
   * rest are 5-minute writes. Absent means 0.
   */
  cache_write_1h_tokens?: number;
  /**
   * Server-side web searches the provider ran for the request, billed per search (Anthropic's
   * `server_tool_use.web_search_requests`, OpenAI's web search tool calls). Absent means 0.
   */
  web_search_requests?: number;
}

/** One event to price: who served it, which model, how many tokens of each kind. */
export interface PricingInput {
  /** As the event names it; inferred from the model when absent. */
  provider?: string | undefined;
  /** As the provider names it: dated ids, aliases and prefixes such as `azure/` or `bedrock/` resolve. */
  model: string;
  usage: TokenUsage;
  /** Sent through a batch API. */
  batch?: boolean;
  /** When the request was made (prices can change over time). */
  timestamp?: Date;
}

/**
 * Why an event has no cost: the catalog does not know the model, or lists no token prices for it;
 * in a what-if re-pricing also when the alternative has no fee for web searches the usage made (it
 * may not offer them at all, so its cost is not comparable).
 */
export type UnpricedReason = 'unknown_model' | 'no_token_prices' | 'no_web_search_price';

/**
 * Which batch price a batch request got: the catalog's (or an override's) own batch price, the
 * provider's documented batch discount, or none because the provider has no known batch discount.
 */
export type BatchPricing = 'catalog' | 'provider_discount' | 'none';

/** The cost of one event; results are shared and must be treated as read-only. */
export interface PricingResult {
  /** USD; null when the model could not be priced (never silently 0). */
  costUsd: number | null;
  /** Catalog ids used for pricing; null when unpriced. */
  provider: string | null;
  modelId: string | null;
  unpricedReason?: UnpricedReason;
  /** Set on priced batch requests only. */
  batchPricing?: BatchPricing;
  /**
   * Set only when the event reported web searches no known fee prices: `costUsd` covers its tokens
   * but not these searches.
   */
  unpricedWebSearches?: number;
}
