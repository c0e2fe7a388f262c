import { createHash } from 'node:crypto';
import type { UsageEvent } from '@netra/shared';
import type { PricingInput, PricingResult } from '@netra/optimizer';
import { configure } from 'safe-stable-stringify';
import type { CostSource, UsageRow } from '#modules/usage/usage-row.js';

/** Prices usage; the price catalog of @netra/optimizer implements it. */
export interface Pricer {
  price(input: PricingInput): PricingResult;
}

export interface RowContext {
  orgId: string;
  /** Derives keys for events without an event_id; one per batch or uploaded file. */
  ids: EventIdDeriver;
  /** `rest`, `otlp`, `file:<format>`. */
  source: string;
  /** The organization allows storing prompt text. */
  storePrompts: boolean;
  ingestedAt: Date;
}

const stableStringify = configure({ deterministic: true });

/**
 * The record's content for hashing. The fields added for aggregated exports are left out while they
 * hold their defaults, so a request-level record keeps the key it had before they existed and a
 * re-sent old file is still recognised as already stored.
 */
function hashedContent(event: UsageEvent): Record<string, unknown> {
  const { event_id: _ignored, ...content } = event;
  const hashed: Record<string, unknown> = content;
  if (content.request_count === 1) {
    delete hashed.request_count;
  }
  if (content.cache_write_1h_tokens === 0) {
    delete hashed.cache_write_1h_tokens;
  }
  if (content.web_search_requests === 0) {
    delete hashed.web_search_requests;
  }
  return hashed;
}

/**
 * A hash of the validated record's content, every field of it (an aggregated row's request count,
 * bucket end and attribution included); key order and timestamp spelling do not matter.
 */
export function contentHash(event: UsageEvent): string {
  return createHash('sha256')
    .update(stableStringify(hashedContent(event)))
    .digest('hex')
    .slice(0, 40);
}

/**
 * Idempotency keys for events sent without one, for one batch or one uploaded file. Two identical
 * records in one upload are two real requests, so the n-th occurrence of a content hash gets
 * `#n`; re-sending the same batch or file yields the same keys, so nothing is stored twice.
 */
export class EventIdDeriver {
  private readonly seen = new Map<string, number>();

  idFor(event: UsageEvent): string {
    const hash = contentHash(event);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return occurrence === 1 ? `sha256:${hash}` : `sha256:${hash}#${occurrence}`;
  }
}

function price(event: UsageEvent, pricer: Pricer): PricingResult {
  return pricer.price({
    provider: event.provider,
    model: event.model,
    batch: event.batch,
    timestamp: event.timestamp,
    usage: {
      input_tokens: event.input_tokens,
      output_tokens: event.output_tokens,
      cache_read_tokens: event.cache_read_tokens,
      cache_write_tokens: event.cache_write_tokens,
      reasoning_tokens: event.reasoning_tokens,
      cache_write_1h_tokens: event.cache_write_1h_tokens,
      web_search_requests: event.web_search_requests,
    },
  });
}

/** The stored cost and where it came from; see CostSource. */
interface RowCost {
  cost_usd: number | null;
  cost_source: CostSource;
}

/**
 * The catalog's price when it has one. Otherwise the cost the source stated (LiteLLM `spend`,
 * Langfuse cost details, …) stands in for it, flagged `reported`, so a model the catalog does not
 * know is not counted as free nor left out of the spend; with neither the row stays unpriced (null).
 * The stated cost is always kept in reported_cost_usd as well.
 */
export function rowCost(priced: PricingResult, reported: number | undefined): RowCost {
  if (priced.costUsd !== null) {
    return { cost_usd: priced.costUsd, cost_source: 'catalog' };
  }
  return reported === undefined
    ? { cost_usd: null, cost_source: '' }
    : { cost_usd: reported, cost_source: 'reported' };
}

/**
 * The stored row of a validated event: attributed to the organization, priced, idempotency key set.
 * One flat literal on purpose: it runs for every ingested event, and composing it from parts would
 * allocate intermediate objects on the hot path.
 */
export function buildUsageRow(event: UsageEvent, pricer: Pricer, context: RowContext): UsageRow {
  const priced = price(event, pricer);
  const cost = rowCost(priced, event.cost_usd);
  return {
    org_id: context.orgId,
    event_id: event.event_id ?? context.ids.idFor(event),
    timestamp: event.timestamp,
    ingested_at: context.ingestedAt,
    source: context.source,
    provider: event.provider ?? priced.provider ?? 'unknown',
    model: event.model,
    operation: event.operation,
    input_tokens: event.input_tokens,
    output_tokens: event.output_tokens,
    cache_read_tokens: event.cache_read_tokens,
    cache_write_tokens: event.cache_write_tokens,
    reasoning_tokens: event.reasoning_tokens,
    latency_ms: event.latency_ms ?? null,
    ttft_ms: event.ttft_ms ?? null,
    status: event.status,
    error_type: event.error_type ?? '',
    reported_cost_usd: event.cost_usd ?? null,
    cost_usd: cost.cost_usd,
    priced_provider: priced.provider ?? '',
    priced_model: priced.modelId ?? '',
    batch: event.batch,
    stream: event.stream,
    max_tokens: event.max_tokens ?? null,
    temperature: event.temperature ?? null,
    prompt_hash: event.prompt_hash ?? '',
    prefix_hashes: event.prefix_hashes ?? [],
    prefix_block_tokens: event.prefix_block_tokens,
    prompt: context.storePrompts ? (event.prompt ?? '') : '',
    user_id: event.user_id ?? '',
    session_id: event.session_id ?? '',
    feature: event.feature ?? '',
    app: event.app ?? '',
    environment: event.environment ?? '',
    tags: event.tags ?? [],
    metadata: event.metadata ?? {},
    request_count: event.request_count,
    period_end: event.period_end ?? null,
    cache_write_1h_tokens: event.cache_write_1h_tokens,
    web_search_requests: event.web_search_requests,
    cost_source: cost.cost_source,
  };
}
