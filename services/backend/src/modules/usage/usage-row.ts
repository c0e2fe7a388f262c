/**
 * Where a row's `cost_usd` came from: `catalog` when Netra priced it, `reported` when the catalog
 * could not price the model and the source stated a cost (used as cost_usd, flagged), '' when unpriced.
 */
export type CostSource = 'catalog' | 'reported' | '';

/**
 * One stored usage event: the canonical event (ARCHITECTURE §4.1) after validation, attribution to
 * an organization and pricing. This is the ClickHouse `usage_events` row, column for column.
 * A row stands for `request_count` requests (more than 1 for an aggregated export's bucket row).
 */
export interface UsageRow {
  org_id: string;
  /** Idempotency key: the client's, or derived deterministically from the record. */
  event_id: string;
  /** When the request was made (UTC). */
  timestamp: Date;
  /** When Netra accepted it; the newest copy wins if an event is ever stored twice. */
  ingested_at: Date;
  /** How it arrived: `rest`, `otlp`, `file:<format>`. */
  source: string;
  provider: string;
  model: string;
  operation: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  latency_ms: number | null;
  ttft_ms: number | null;
  status: 'success' | 'error';
  error_type: string;
  /** Cost as billed by the source, when it reported one. */
  reported_cost_usd: number | null;
  /**
   * Netra's own cost, or the source's stated cost where the catalog cannot price the model
   * (cost_source tells which); null when neither exists (unpriced, never $0).
   */
  cost_usd: number | null;
  /** The catalog's provider/model id used for pricing; '' when unpriced. */
  priced_provider: string;
  priced_model: string;
  batch: boolean;
  stream: boolean;
  max_tokens: number | null;
  temperature: number | null;
  prompt_hash: string;
  prefix_hashes: string[];
  prefix_block_tokens: number;
  /** Kept only when the organization allows storing prompt text; '' otherwise. */
  prompt: string;
  user_id: string;
  session_id: string;
  feature: string;
  app: string;
  environment: string;
  tags: string[];
  metadata: Record<string, string>;
  /** How many requests the row stands for: 1, or the request count of an aggregated bucket. */
  request_count: number;
  /** Exclusive end of the bucket an aggregated row covers (timestamp is its start); null otherwise. */
  period_end: Date | null;
  /** Subset of cache_write_tokens written with the 1-hour TTL. */
  cache_write_1h_tokens: number;
  /** Server-side web searches, billed per search. */
  web_search_requests: number;
  cost_source: CostSource;
}
