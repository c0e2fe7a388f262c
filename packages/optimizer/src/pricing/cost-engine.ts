/**
 * The cost arithmetic: one event's canonical usage (inclusive counts, ARCHITECTURE §4.1) against one
 * rate card. Each token is billed once, at the price of its most specific kind: uncached input,
 * cache read, 5-minute or 1-hour cache write, visible output, reasoning; server-side web searches
 * are billed per search where a fee is known, and counted as unpriced where none is. This is the
 * per-event hot path, so it allocates nothing unless a breakdown is asked for.
 * @module
 */
import { AppError } from '@netra/shared';
import type { TokenUsage } from './pricing-contract.js';
import type { RateCard } from './rate-card.js';

const PER_MILLION = 1e6;

/** Thrown when usage counts are malformed or contradict each other (400 `invalid_usage`). */
export class InvalidUsageError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'invalid_usage', message, details === undefined ? {} : { details });
    this.name = 'InvalidUsageError';
  }
}

/** The cost of one event split by token kind, in USD. Components add up to `totalUsd`. */
export interface CostBreakdown {
  /** Input tokens neither read from nor written to a cache. */
  inputUsd: number;
  cacheReadUsd: number;
  /** 5-minute cache writes. */
  cacheWriteUsd: number;
  /** 1-hour cache writes (Anthropic: 2x the input price, against 1.25x for 5 minutes). */
  cacheWrite1hUsd: number;
  /** Output tokens other than reasoning. */
  outputUsd: number;
  reasoningUsd: number;
  /** A flat per-request fee, for the few models that charge one. */
  requestUsd: number;
  /** Server-side web searches at their per-search fee (0 when none has a known fee). */
  webSearchUsd: number;
  /** Web searches the event reported that no known fee prices (not in `totalUsd`). */
  unpricedWebSearches: number;
  totalUsd: number;
}

function isCount(value: number): boolean {
  return value >= 0 && value !== Infinity;
}

function countsProblem(usage: TokenUsage): string | undefined {
  // `!(x >= 0)` also rejects NaN and non-numbers that slipped past the types.
  if (
    !isCount(usage.input_tokens) ||
    !isCount(usage.output_tokens) ||
    !isCount(usage.cache_read_tokens) ||
    !isCount(usage.cache_write_tokens) ||
    !isCount(usage.reasoning_tokens) ||
    !isCount(usage.cache_write_1h_tokens ?? 0)
  ) {
    return 'token counts must be finite numbers of 0 or more';
  }
  return isCount(usage.web_search_requests ?? 0)
    ? undefined
    : 'web_search_requests must be a finite number of 0 or more';
}

/** Why `usage` is not a valid canonical usage, or undefined when it is. */
export function usageProblem(usage: TokenUsage): string | undefined {
  const counts = countsProblem(usage);
  if (counts !== undefined) {
    return counts;
  }
  if (usage.cache_read_tokens + usage.cache_write_tokens > usage.input_tokens) {
    return 'cache_read_tokens + cache_write_tokens must not exceed input_tokens (input_tokens is inclusive)';
  }
  if (usage.reasoning_tokens > usage.output_tokens) {
    return 'reasoning_tokens must not exceed output_tokens (output_tokens is inclusive)';
  }
  return (usage.cache_write_1h_tokens ?? 0) > usage.cache_write_tokens
    ? 'cache_write_1h_tokens must not exceed cache_write_tokens'
    : undefined;
}

/** Throws InvalidUsageError when `usage` is not a valid canonical usage. */
export function assertUsage(usage: TokenUsage): void {
  const problem = usageProblem(usage);
  if (problem !== undefined) {
    throw new InvalidUsageError(`invalid token usage: ${problem}`, { usage });
  }
}

/** Whether the card prices every token kind this usage bills (else the event is unpriced). */
export function cardCovers(card: RateCard, usage: TokenUsage): boolean {
  return (card.hasInput || usage.input_tokens === 0) && (card.hasOutput || usage.output_tokens === 0);
}

/** Web searches the card has no fee for (0 when it has one or the usage reports none). */
export function unpricedSearches(card: RateCard, usage: TokenUsage): number {
  return card.webSearch === null ? (usage.web_search_requests ?? 0) : 0;
}

/** Total cost in USD of a valid usage at `card` prices (searches without a known fee excluded). */
export function totalCost(card: RateCard, usage: TokenUsage): number {
  const oneHour = usage.cache_write_1h_tokens ?? 0;
  const uncached = usage.input_tokens - usage.cache_read_tokens - usage.cache_write_tokens;
  const perMillion =
    uncached * card.input +
    usage.cache_read_tokens * card.cacheRead +
    (usage.cache_write_tokens - oneHour) * card.cacheWrite +
    oneHour * card.cacheWrite1h +
    (usage.output_tokens - usage.reasoning_tokens) * card.output +
    usage.reasoning_tokens * card.reasoning;
  const searches = usage.web_search_requests ?? 0;
  const searchUsd = searches === 0 || card.webSearch === null ? 0 : searches * card.webSearch;
  return perMillion / PER_MILLION + card.perRequest + searchUsd;
}

/** The cost of a valid usage at `card` prices, by token kind; `totalUsd` equals `totalCost`. */
export function costBreakdown(card: RateCard, usage: TokenUsage): CostBreakdown {
  const oneHour = usage.cache_write_1h_tokens ?? 0;
  const uncached = usage.input_tokens - usage.cache_read_tokens - usage.cache_write_tokens;
  const unpriced = unpricedSearches(card, usage);
  return {
    inputUsd: (uncached * card.input) / PER_MILLION,
    cacheReadUsd: (usage.cache_read_tokens * card.cacheRead) / PER_MILLION,
    cacheWriteUsd: ((usage.cache_write_tokens - oneHour) * card.cacheWrite) / PER_MILLION,
    cacheWrite1hUsd: (oneHour * card.cacheWrite1h) / PER_MILLION,
    outputUsd: ((usage.output_tokens - usage.reasoning_tokens) * card.output) / PER_MILLION,
    reasoningUsd: (usage.reasoning_tokens * card.reasoning) / PER_MILLION,
    requestUsd: card.perRequest,
    webSearchUsd: unpriced > 0 ? 0 : (usage.web_search_requests ?? 0) * (card.webSearch ?? 0),
    unpricedWebSearches: unpriced,
    totalUsd: totalCost(card, usage),
  };
}
