/**
 * The generated events read back for the ground truth: tokens, flags and each request's cost under
 * the real price catalog, plus the two stateful rules of §4.2 computed here independently of the
 * engine (exact repeats within the response-cache TTL; leading prefix blocks live in the prompt
 * cache, refreshed on use).
 * @module
 */
import type { PriceCatalog, TokenUsage } from '@netra/optimizer';
import { DEFAULT_PREFIX_BLOCK_TOKENS, type UsageEventInput } from '@netra/shared';

/** One generated request as the truth sees it. */
export interface TruthRequest {
  time: number;
  provider: string;
  model: string;
  /** The catalog ids the request is priced as (what the engine's rules receive). */
  pricedProvider: string;
  pricedModel: string;
  usage: TokenUsage;
  batch: boolean;
  stream: boolean;
  status: 'success' | 'error';
  promptHash: string;
  prefixHashes: readonly string[];
  blockTokens: number;
  cost: number;
}

/** The cost of a bill; planted features only use priced models, so unpriced is a generator bug. */
export function priceOf(
  catalog: PriceCatalog,
  bill: { provider: string; model: string; usage: TokenUsage; batch?: boolean },
  time: number,
): number {
  const priced = catalog.price({ ...bill, timestamp: new Date(time) });
  if (priced.costUsd === null) {
    throw new Error(`planted model ${bill.provider}/${bill.model} is not priced by the catalog`);
  }
  return priced.costUsd;
}

function usageOf(event: UsageEventInput): TokenUsage {
  return {
    input_tokens: event.input_tokens ?? 0,
    output_tokens: event.output_tokens ?? 0,
    cache_read_tokens: event.cache_read_tokens ?? 0,
    cache_write_tokens: event.cache_write_tokens ?? 0,
    reasoning_tokens: event.reasoning_tokens ?? 0,
  };
}

function readRequest(catalog: PriceCatalog, event: UsageEventInput): TruthRequest {
  const time = new Date(event.timestamp).getTime();
  const provider = event.provider ?? '';
  const usage = usageOf(event);
  const batch = event.batch === true;
  const priced = catalog.price({ provider, model: event.model, usage, batch, timestamp: new Date(time) });
  return {
    time,
    provider,
    model: event.model,
    pricedProvider: priced.provider ?? '',
    pricedModel: priced.modelId ?? '',
    usage,
    batch,
    stream: event.stream === true,
    status: event.status ?? 'success',
    promptHash: event.prompt_hash ?? '',
    prefixHashes: event.prefix_hashes ?? [],
    blockTokens: event.prefix_block_tokens ?? DEFAULT_PREFIX_BLOCK_TOKENS,
    cost: priceOf(catalog, { provider, model: event.model, usage, batch }, time),
  };
}

/** The events priced and sorted by time. */
export function truthRequests(catalog: PriceCatalog, events: readonly UsageEventInput[]): TruthRequest[] {
  return events.map((event) => readRequest(catalog, event)).sort((a, b) => a.time - b.time);
}

/**
 * Per request (time order): does it repeat the prompt_hash and model of an earlier SUCCESSFUL
 * request at most `ttlMs` earlier? The repeat itself may have any status.
 */
export function responseRepeats(requests: readonly TruthRequest[], ttlMs: number): boolean[] {
  const lastSuccess = new Map<string, number>();
  return requests.map((request) => {
    if (request.promptHash === '') {
      return false;
    }
    const key = `${request.model}\u0000${request.promptHash}`;
    const previous = lastSuccess.get(key);
    if (request.status === 'success') {
      lastSuccess.set(key, request.time);
    }
    return previous !== undefined && request.time - previous <= ttlMs;
  });
}

/**
 * Per request (time order): the leading prefix-block tokens already seen for the same model within
 * the prompt-cache TTL, refreshed every time a block is sent, capped at input_tokens.
 */
export function cacheablePrefixTokens(requests: readonly TruthRequest[], ttlMs: number): number[] {
  const lastSent = new Map<string, number>();
  return requests.map((request) => {
    let leading = 0;
    for (const hash of request.prefixHashes) {
      const seen = lastSent.get(`${request.model}\u0000${hash}`);
      if (seen === undefined || request.time - seen > ttlMs) {
        break;
      }
      leading += 1;
    }
    for (const hash of request.prefixHashes) {
      lastSent.set(`${request.model}\u0000${hash}`, request.time);
    }
    return Math.min(leading * request.blockTokens, request.usage.input_tokens);
  });
}

/** ClickHouse's quantileExactInclusive: linear interpolation between the ranks around (n − 1)·q. */
export function exactInclusiveQuantile(values: readonly number[], q: number): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const low = sorted[lower] as number;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return low + (position - lower) * (high - low);
}

/** The token totals of a set of requests. */
export function totalUsage(requests: readonly TruthRequest[]): TokenUsage {
  const total: TokenUsage = {
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
  };
  for (const { usage } of requests) {
    total.input_tokens += usage.input_tokens;
    total.output_tokens += usage.output_tokens;
    total.cache_read_tokens += usage.cache_read_tokens;
    total.cache_write_tokens += usage.cache_write_tokens;
    total.reasoning_tokens += usage.reasoning_tokens;
  }
  return total;
}
