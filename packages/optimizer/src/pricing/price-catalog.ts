/**
 * The price catalog: genai-prices' bundled data plus an organization's overrides, with a cache of
 * resolved (provider, model) pairs so that ingestion prices each event with plain arithmetic. Also
 * the optimizer's what-if re-pricing, model metadata and the list of models that could not be
 * priced.
 * @module
 */
import { batchSupport, type BatchSupport } from './batch-policy.js';
import { entryMetadata, listModels } from './catalog-models.js';
import type { ModelMetadata } from './model-metadata.js';
import { OverrideSet, tokenPricesSchema, type PriceOverride, type TokenPrices } from './overrides.js';
import {
  breakdownEntry,
  compileEntry,
  costOfEntry,
  priceEntry,
  type PricedBreakdown,
  type PriceEntry,
  type UnpricedModel,
} from './price-entry.js';
import type { PricePeriod } from './price-periods.js';
import type { PricingInput, PricingResult, TokenUsage } from './pricing-contract.js';
import { normalizeId } from './providers.js';
import { customSource, resolvePair } from './resolver.js';

/** Options of `createPriceCatalog`. */
export interface PriceCatalogOptions {
  /** The organization's price overrides; they win over the catalog. */
  overrides?: readonly PriceOverride[];
  /** Clock (epoch ms) for events without a timestamp; defaults to `Date.now`. */
  now?: () => number;
  /** Distinct (provider, model) pairs kept resolved; beyond it the cache starts over. */
  maxCachedPairs?: number;
}

/** A model to re-price on: a catalog model, or an explicit price list (USD per million tokens). */
export type Alternative =
  | { model: string; provider?: string | undefined }
  | { prices: TokenPrices; provider?: string | undefined; model?: string | undefined };

/** Options of a what-if re-pricing. */
export interface RepriceOptions {
  batch?: boolean;
  /** When the request is assumed to happen (prices can change over time); defaults to now. */
  timestamp?: Date;
}

/**
 * The compiled prices of one (provider, model) pair, for pricing many events outside JavaScript
 * (the canonical fast load prices in SQL): `price` picks the period in force, then the band of the
 * input tokens, then bills the card. Both lists are null when the pair cannot be priced; the
 * provider and model id are the ones a priced event is attributed to.
 */
export interface PairRates {
  readonly provider: string | null;
  readonly modelId: string | null;
  readonly standard: readonly PricePeriod[] | null;
  readonly batch: readonly PricePeriod[] | null;
}

/** Prices LLM usage: the API ingestion and the optimizer call. */
export interface PriceCatalog {
  /** The cost of one event under its own model and price: the per-event hot path. */
  price(input: PricingInput): PricingResult;
  /**
   * `price(input).costUsd`, from the parts of an input, without building the input or the result:
   * for the engine, which prices millions of what-if bills.
   */
  costOf(
    provider: string | undefined,
    model: string,
    usage: TokenUsage,
    batch: boolean,
    timestamp?: Date,
  ): number | null;
  /** `price`, with the cost split by token kind. */
  breakdown(input: PricingInput): PricedBreakdown;
  /** The cost the same usage would have on another model or price list (what-if). */
  repriceAs(usage: TokenUsage, alternative: Alternative, options?: RepriceOptions): PricedBreakdown;
  /** The compiled prices `price` bills a pair's events at (see PairRates). */
  rates(provider: string | undefined, model: string): PairRates;
  /** Metadata of the model a (model, provider) pair resolves to; null when it is unpriced. */
  resolve(model: string, provider?: string): ModelMetadata | null;
  /** Every priced model of the catalog and the overrides. */
  models(): readonly ModelMetadata[];
  /** The (provider, model) pairs events named that could not be priced, most requests first. */
  unpriced(): UnpricedModel[];
  /** Whether and how much a provider discounts its batch API. */
  batchSupport(provider: string): BatchSupport;
}

const DEFAULT_MAX_PAIRS = 50_000;
const NO_PROVIDER = '';

class Catalog implements PriceCatalog {
  private readonly overrides: OverrideSet;
  private readonly now: () => number;
  private readonly maxPairs: number;
  private readonly cache = new Map<string, Map<string, PriceEntry>>();
  private readonly tallies = new Map<string, UnpricedModel>();
  private readonly adHoc = new WeakMap<object, PriceEntry>();
  private cachedPairs = 0;
  private allModels: readonly ModelMetadata[] | undefined;

  constructor(options: PriceCatalogOptions) {
    this.overrides = new OverrideSet(options.overrides);
    this.now = options.now ?? Date.now;
    this.maxPairs = options.maxCachedPairs ?? DEFAULT_MAX_PAIRS;
  }

  price(input: PricingInput): PricingResult {
    const entry = this.entry(input.provider, input.model);
    return priceEntry(entry, input.usage, input.batch === true, input.timestamp, this.now);
  }

  costOf(
    provider: string | undefined,
    model: string,
    usage: TokenUsage,
    batch: boolean,
    timestamp?: Date,
  ): number | null {
    return costOfEntry(this.entry(provider, model), usage, batch, timestamp, this.now);
  }

  breakdown(input: PricingInput): PricedBreakdown {
    const entry = this.entry(input.provider, input.model);
    return breakdownEntry(entry, input.usage, input.batch === true, input.timestamp, this.now);
  }

  repriceAs(usage: TokenUsage, alternative: Alternative, options: RepriceOptions = {}): PricedBreakdown {
    const entry =
      'prices' in alternative
        ? this.adHocEntry(alternative)
        : this.entry(alternative.provider, alternative.model);
    return breakdownEntry(entry, usage, options.batch === true, options.timestamp, this.now, false);
  }

  rates(provider: string | undefined, model: string): PairRates {
    const { provider: pricedProvider, modelId, standard, batch } = this.entry(provider, model);
    return { provider: pricedProvider, modelId, standard, batch };
  }

  resolve(model: string, provider?: string): ModelMetadata | null {
    return entryMetadata(this.entry(provider, model), this.now());
  }

  models(): readonly ModelMetadata[] {
    this.allModels ??= listModels(this.overrides, this.now());
    return this.allModels;
  }

  unpriced(): UnpricedModel[] {
    return [...this.tallies.values()]
      .filter((tally) => tally.requests > 0)
      .map((tally) => ({ ...tally }))
      .sort((a, b) => b.requests - a.requests || a.model.localeCompare(b.model));
  }

  batchSupport(provider: string): BatchSupport {
    return batchSupport(normalizeId(provider));
  }

  /** The compiled entry of a raw pair: two map lookups when seen before. */
  private entry(provider: string | undefined, model: string): PriceEntry {
    const byModel = this.cache.get(provider ?? NO_PROVIDER);
    return byModel?.get(model) ?? this.resolveAndCache(provider, model);
  }

  private resolveAndCache(provider: string | undefined, model: string): PriceEntry {
    const entry = compileEntry(
      resolvePair(this.overrides, provider, model),
      this.overrides,
      this.tally(provider, model),
    );
    if (this.cachedPairs >= this.maxPairs) {
      // Bounded memory under a flood of distinct ids; unpriced tallies live on outside the cache.
      this.cache.clear();
      this.cachedPairs = 0;
    }
    const key = provider ?? NO_PROVIDER;
    const byModel = this.cache.get(key) ?? new Map<string, PriceEntry>();
    this.cache.set(key, byModel.set(model, entry));
    this.cachedPairs += 1;
    return entry;
  }

  private tally(provider: string | undefined, model: string): UnpricedModel {
    const normalized = {
      provider: provider === undefined ? null : normalizeId(provider),
      model: normalizeId(model),
    };
    const key = `${normalized.provider ?? ''}\u0000${normalized.model}`;
    const existing = this.tallies.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const created: UnpricedModel = { ...normalized, reason: 'unknown_model', requests: 0 };
    this.tallies.set(key, created);
    return created;
  }

  private adHocEntry(alternative: Extract<Alternative, { prices: TokenPrices }>): PriceEntry {
    const cached = this.adHoc.get(alternative);
    if (cached !== undefined) {
      return cached;
    }
    const prices = tokenPricesSchema.parse(alternative.prices);
    const model = alternative.model ?? 'what-if';
    const custom = {
      kind: 'model_price' as const,
      model,
      provider: alternative.provider,
      match: 'exact' as const,
      prices,
    };
    const source = customSource(custom, undefined, []);
    const entry = compileEntry(
      { priced: true, source },
      new OverrideSet(),
      this.tally(alternative.provider, model),
    );
    this.adHoc.set(alternative, entry);
    return entry;
  }
}

/**
 * Creates a price catalog over genai-prices' bundled data and the organization's overrides.
 * Throws a 400 `validation_failed` AppError when an override is malformed.
 */
export function createPriceCatalog(options: PriceCatalogOptions = {}): PriceCatalog {
  return new Catalog(options);
}
