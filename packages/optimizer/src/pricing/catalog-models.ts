/**
 * Model metadata for entries and the list of every priced model (catalog and overrides), which the
 * optimizer searches for cheaper candidates.
 * @module
 */
import { batchSupport } from './batch-policy.js';
import { catalogProviders } from './genai-source.js';
import { capabilityHints, listPrices, type ModelMetadata } from './model-metadata.js';
import type { OverrideSet } from './overrides.js';
import { compileEntry, effectivePrices, type PriceEntry } from './price-entry.js';
import { periodAt, type ConditionalEntry } from './price-periods.js';
import { normalizeId } from './providers.js';
import type { PriceTable } from './rate-card.js';
import { customSource, type PriceSource } from './resolver.js';

function tableAt(prices: PriceSource['prices'], index: number): PriceTable {
  return Array.isArray(prices)
    ? ((prices as readonly ConditionalEntry[])[index]?.prices ?? {})
    : (prices as PriceTable);
}

/** Metadata of a priced entry (null when unpriced); list prices are those in force at `nowMs`. */
export function entryMetadata(entry: PriceEntry, nowMs: number): ModelMetadata | null {
  const { source, standard, provider, modelId } = entry;
  if (source === undefined || standard === null || provider === null || modelId === null) {
    return null;
  }
  const current = periodAt(standard, nowMs);
  const table = tableAt(effectivePrices(source), standard.indexOf(current));
  return {
    provider,
    modelId,
    name: source.info?.name ?? null,
    contextWindow: source.contextWindow ?? null,
    deprecated: source.info?.deprecated ?? false,
    capabilities: capabilityHints(modelId, table),
    prices: listPrices([current], table),
    longContextTiers: standard.some((period) => period.bands.length > 1),
    batch: batchSupport(provider),
    origin: source.origin,
  };
}

function newTally(provider: string, model: string) {
  return { provider, model, reason: 'unknown_model' as const, requests: 0 };
}

function catalogSources(): PriceSource[] {
  return catalogProviders().flatMap((provider) =>
    provider.models.map((model) => ({
      provider: provider.id,
      modelId: model.id,
      prices: model.prices,
      batchPrices: undefined,
      info: model,
      contextWindow: model.context_window,
      origin: 'catalog' as const,
      matchIds: [normalizeId(model.id)],
    })),
  );
}

/** Every priced model: the catalog's, then the organization's own (`model_price` overrides). */
export function listModels(overrides: OverrideSet, nowMs: number): ModelMetadata[] {
  const sources = [
    ...catalogSources(),
    ...overrides.customPrices.map((custom) => customSource(custom, undefined, [])),
  ];
  return sources
    .map((source) => {
      const tally = newTally(source.provider, source.modelId);
      return entryMetadata(compileEntry({ priced: true, source }, overrides, tally), nowMs);
    })
    .filter((meta): meta is ModelMetadata => meta !== null);
}
