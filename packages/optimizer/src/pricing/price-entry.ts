/**
 * A resolved (provider, model) pair compiled for the hot path: standard and batch price periods
 * with the organization's discount already folded in, and the frozen result an unpriced event gets.
 * Pricing one event against an entry is a period pick, a band pick and one sum.
 * @module
 */
import { BATCH_POLICIES } from './batch-policy.js';
import {
  assertUsage,
  cardCovers,
  costBreakdown,
  totalCost,
  unpricedSearches,
  type CostBreakdown,
} from './cost-engine.js';
import type { OverrideSet } from './overrides.js';
import { compilePeriods, rateCardAt, type ConditionalEntry, type PricePeriod } from './price-periods.js';
import type { BatchPricing, PricingResult, TokenUsage, UnpricedReason } from './pricing-contract.js';
import { billedPrices } from './provider-rates.js';
import {
  hasTokenPrices,
  type PriceTable,
  type RateBand,
  type RateCard,
  type SparedPrices,
} from './rate-card.js';
import type { PriceSource, Resolution } from './resolver.js';

/** A pricing result with the cost split by token kind (null when unpriced). */
export interface PricedBreakdown extends PricingResult {
  breakdown: CostBreakdown | null;
}

/** How often one unpriced (provider, model) pair was seen, for `PriceCatalog.unpriced()`. */
export interface UnpricedModel {
  /** As the events named them (normalized: trimmed, lower case). */
  provider: string | null;
  model: string;
  reason: UnpricedReason;
  requests: number;
}

function unpricedResult(reason: UnpricedReason): PricingResult {
  return Object.freeze({ costUsd: null, provider: null, modelId: null, unpricedReason: reason });
}

const UNPRICED: Readonly<Record<UnpricedReason, PricingResult>> = {
  unknown_model: unpricedResult('unknown_model'),
  no_token_prices: unpricedResult('no_token_prices'),
  no_web_search_price: unpricedResult('no_web_search_price'),
};

function tables(prices: PriceSource['prices']): PriceTable[] {
  return Array.isArray(prices)
    ? (prices as readonly ConditionalEntry[]).map((entry) => entry.prices)
    : [prices as PriceTable];
}

/**
 * The prices a pair is billed at: its list, with the provider's documented 1-hour write and web
 * search fees where the list lacks them; a free tier (`…:free`, listed with an empty price table) is
 * priced at exactly 0.
 */
export function effectivePrices(source: PriceSource): PriceSource['prices'] {
  const empty = tables(source.prices).every((table) => Object.keys(table).length === 0);
  return empty && source.modelId.endsWith(':free')
    ? { input_mtok: 0, output_mtok: 0 }
    : billedPrices(source, source.prices);
}

const scaleBands =
  (factor: number, spare: SparedPrices = {}) =>
  (bands: RateBand[]): RateBand[] =>
    factor === 1
      ? bands
      : bands.map((band) => ({ above: band.above, card: band.card.scaled(factor, spare) }));

/** Batch prices: the source's own batch list, else the provider's documented discount, else none. */
function batchPeriods(source: PriceSource, standard: PricePeriod[], factor: number) {
  if (source.batchPrices !== undefined) {
    return { periods: compilePeriods(source.batchPrices, scaleBands(factor)), pricing: 'catalog' as const };
  }
  const policy = BATCH_POLICIES[source.provider];
  if (policy === undefined) {
    return { periods: standard, pricing: 'none' as const };
  }
  // Batch discounts are documented for token prices; a per-search tool fee stays as it is.
  const spare = { cacheRead: !policy.discountsCacheReads, webSearch: true };
  const rescale = scaleBands(1 - policy.discountPercent / 100, spare);
  const periods = standard.map((period) => ({ ...period, bands: rescale([...period.bands]) }));
  return { periods, pricing: 'provider_discount' as const };
}

/** One resolved pair, compiled. `standard` is null when the pair cannot be priced. */
export class PriceEntry {
  readonly provider: string | null;
  readonly modelId: string | null;
  readonly standard: readonly PricePeriod[] | null;
  readonly batch: readonly PricePeriod[] | null;
  readonly batchPricing: BatchPricing;
  /** The frozen result of an event this entry cannot price. */
  readonly unpriced: PricingResult;
  readonly source: PriceSource | undefined;
  /** Unpriced events seen for this pair (shared with the catalog's tally). */
  readonly tally: UnpricedModel;

  constructor(fields: Omit<PriceEntry, never>) {
    this.provider = fields.provider;
    this.modelId = fields.modelId;
    this.standard = fields.standard;
    this.batch = fields.batch;
    this.batchPricing = fields.batchPricing;
    this.unpriced = fields.unpriced;
    this.source = fields.source;
    this.tally = fields.tally;
  }
}

function unpricedEntry(reason: UnpricedReason, source: PriceSource | undefined, tally: UnpricedModel) {
  tally.reason = reason;
  const unpriced = UNPRICED[reason];
  const none = { provider: null, modelId: null, standard: null, batch: null, batchPricing: 'none' as const };
  return new PriceEntry({ ...none, unpriced, source, tally });
}

function pricedEntry(
  source: PriceSource,
  prices: PriceSource['prices'],
  overrides: OverrideSet,
  tally: UnpricedModel,
): PriceEntry {
  const factor = overrides.discountFactor(source.provider, source.matchIds);
  const standard = compilePeriods(prices, scaleBands(factor));
  const { periods: batch, pricing: batchPricing } = batchPeriods(source, standard, factor);
  // A priced pair is still unpriced for events billing a token kind its list lacks.
  tally.reason = 'no_token_prices';
  const { provider, modelId } = source;
  const unpriced = UNPRICED.no_token_prices;
  return new PriceEntry({ provider, modelId, standard, batch, batchPricing, unpriced, source, tally });
}

/** Compiles a resolution into an entry; `tally` records the pair's unpriced events. */
export function compileEntry(
  resolution: Resolution,
  overrides: OverrideSet,
  tally: UnpricedModel,
): PriceEntry {
  if (!resolution.priced) {
    return unpricedEntry(resolution.reason, undefined, tally);
  }
  const prices = effectivePrices(resolution.source);
  return tables(prices).some(hasTokenPrices)
    ? pricedEntry(resolution.source, prices, overrides, tally)
    : unpricedEntry('no_token_prices', resolution.source, tally);
}

function periodsFor(entry: PriceEntry, batch: boolean): readonly PricePeriod[] | null {
  return batch ? entry.batch : entry.standard;
}

function timeOf(periods: readonly PricePeriod[], timestamp: Date | undefined, now: () => number): number {
  if (periods.length === 1) {
    return 0;
  }
  const ms = timestamp === undefined ? now() : timestamp.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('the event timestamp is not a valid date');
  }
  return ms;
}

/** The card `usage` is billed at, or null when the entry cannot price it (tallied as unpriced). */
function billedCard(
  entry: PriceEntry,
  usage: TokenUsage,
  batch: boolean,
  timestamp: Date | undefined,
  now: () => number,
): RateCard | null {
  const periods = periodsFor(entry, batch);
  if (periods === null) {
    entry.tally.requests += 1;
    return null;
  }
  assertUsage(usage);
  const card = rateCardAt(periods, timeOf(periods, timestamp, now), usage.input_tokens);
  if (!cardCovers(card, usage)) {
    entry.tally.requests += 1;
    return null;
  }
  return card;
}

/** priceEntry's cost alone: null when unpriced, and no result object (the what-if hot path). */
export function costOfEntry(
  entry: PriceEntry,
  usage: TokenUsage,
  batch: boolean,
  timestamp: Date | undefined,
  now: () => number,
): number | null {
  const card = billedCard(entry, usage, batch, timestamp, now);
  return card === null ? null : totalCost(card, usage);
}

/** Prices `usage` against an entry: the per-event hot path (allocates only the result). */
export function priceEntry(
  entry: PriceEntry,
  usage: TokenUsage,
  batch: boolean,
  timestamp: Date | undefined,
  now: () => number,
): PricingResult {
  const card = billedCard(entry, usage, batch, timestamp, now);
  if (card === null) {
    return entry.unpriced;
  }
  const costUsd = totalCost(card, usage);
  const result: PricingResult = batch
    ? { costUsd, provider: entry.provider, modelId: entry.modelId, batchPricing: entry.batchPricing }
    : { costUsd, provider: entry.provider, modelId: entry.modelId };
  return usage.web_search_requests ? withUnpricedSearches(result, unpricedSearches(card, usage)) : result;
}

function withUnpricedSearches<T extends PricingResult>(result: T, unpriced: number): T {
  if (unpriced > 0) {
    result.unpricedWebSearches = unpriced;
  }
  return result;
}

function pricedBreakdown(
  entry: PriceEntry,
  card: RateCard,
  usage: TokenUsage,
  batch: boolean,
): PricedBreakdown {
  const breakdown = costBreakdown(card, usage);
  const { provider, modelId } = entry;
  const result: PricedBreakdown = batch
    ? { costUsd: breakdown.totalUsd, provider, modelId, batchPricing: entry.batchPricing, breakdown }
    : { costUsd: breakdown.totalUsd, provider, modelId, breakdown };
  return withUnpricedSearches(result, breakdown.unpricedWebSearches);
}

/** The card pricing `usage`, or why none can. */
function cardOrReason(
  usage: TokenUsage,
  periods: readonly PricePeriod[],
  moment: { timestamp: Date | undefined; now: () => number; whatIf: boolean },
): RateCard | UnpricedReason {
  assertUsage(usage);
  const card = rateCardAt(periods, timeOf(periods, moment.timestamp, moment.now), usage.input_tokens);
  if (moment.whatIf && unpricedSearches(card, usage) > 0) {
    return 'no_web_search_price';
  }
  return cardCovers(card, usage) ? card : 'no_token_prices';
}

/**
 * Like `priceEntry`, with the cost split by token kind. What-if calls (`countUnpriced` false) do not
 * count as unpriced events, and leave unpriced an alternative that has no fee for the usage's web
 * searches rather than compare a cost without them to one with them.
 */
export function breakdownEntry(
  entry: PriceEntry,
  usage: TokenUsage,
  batch: boolean,
  timestamp: Date | undefined,
  now: () => number,
  countUnpriced = true,
): PricedBreakdown {
  const periods = periodsFor(entry, batch);
  const card =
    periods === null ? null : cardOrReason(usage, periods, { timestamp, now, whatIf: !countUnpriced });
  if (card !== null && typeof card !== 'string') {
    return pricedBreakdown(entry, card, usage, batch);
  }
  if (countUnpriced) {
    entry.tally.requests += 1;
  }
  const unpriced = card === 'no_web_search_price' ? UNPRICED.no_web_search_price : entry.unpriced;
  return { ...unpriced, breakdown: null };
}
