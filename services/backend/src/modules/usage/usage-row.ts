/**
 * One stored usage event: the canonical event (ARCHITECTURE §4.1) after validation, attribution to
 * an organization and pricing. This is the ClickHouse `usage_events` row, column for column.
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
  /** Netra's own cost; null when the model is unknown to the catalog (unpriced, never $0). */
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
}
