/**
 * Resolution: from the (provider, model) an event names to the price list that bills it. Order:
 * the organization's custom prices and aliases, then the catalog through the id candidates of
 * `model-id.ts`, then (only when the event names no provider the catalog knows) a search of every
 * catalog provider, vendors before clouds before resellers. Runs once per distinct pair.
 * @module
 */
import type { ModelInfo } from '@pydantic/genai-prices';
import { matchCatalogModel, type CatalogMatch } from './genai-source.js';
import { bareModelId, idCandidates } from './model-id.js';
import { providerKey, type CustomPrice, type OverrideSet } from './overrides.js';
import type { ConditionalEntry } from './price-periods.js';
import type { UnpricedReason } from './pricing-contract.js';
import { CATALOG_PROVIDER_IDS, isSelfHosted, normalizeId, toCatalogProvider } from './providers.js';
import type { PriceTable } from './rate-card.js';

/** The price list that bills a (provider, model) pair. */
export interface PriceSource {
  readonly provider: string;
  readonly modelId: string;
  readonly prices: PriceTable | readonly ConditionalEntry[];
  /** A batch price list of its own (overrides only; the bundled catalog has none). */
  readonly batchPrices: PriceTable | undefined;
  readonly info: ModelInfo | undefined;
  readonly contextWindow: number | undefined;
  readonly origin: 'catalog' | 'override';
  /** Ids discounts are matched against: the catalog id and the event's own. */
  readonly matchIds: readonly string[];
}

/** The outcome of resolving one pair. */
export type Resolution =
  | { readonly priced: true; readonly source: PriceSource }
  | { readonly priced: false; readonly reason: UnpricedReason };

// Vendors first so a bare id lands on its maker's list price, resellers last.
const SEARCH_FIRST = ['openai', 'anthropic', 'google', 'mistral', 'x-ai', 'deepseek', 'cohere'];
const SEARCH_LAST = ['openrouter'];
const SEARCH_ORDER = [
  ...SEARCH_FIRST,
  ...CATALOG_PROVIDER_IDS.filter(
    (id) => !SEARCH_FIRST.includes(id) && !SEARCH_LAST.includes(id) && !id.startsWith('huggingface_'),
  ),
  ...SEARCH_LAST,
];

function fromCatalog(match: CatalogMatch, eventIds: readonly string[]): PriceSource {
  return {
    provider: match.provider.id,
    modelId: match.model.id,
    prices: match.model.prices,
    batchPrices: undefined,
    info: match.model,
    contextWindow: match.model.context_window,
    origin: 'catalog',
    matchIds: [normalizeId(match.model.id), ...eventIds],
  };
}

function firstMatch(provider: string | undefined, model: string): CatalogMatch | undefined {
  for (const candidate of idCandidates(provider, model)) {
    const match = matchCatalogModel(candidate.model, candidate.provider);
    if (match !== undefined) {
      return match;
    }
  }
  return undefined;
}

function searchAll(model: string): CatalogMatch | undefined {
  const ids = [...new Set([bareModelId(model), model])];
  for (const provider of SEARCH_ORDER) {
    for (const id of ids) {
      const match = matchCatalogModel(id, provider);
      if (match !== undefined) {
        return match;
      }
    }
  }
  return undefined;
}

/** The catalog model for a normalized pair; `provider` undefined or unknown means infer. */
export function resolveCatalog(provider: string | undefined, model: string): CatalogMatch | undefined {
  const catalogId = provider === undefined ? undefined : toCatalogProvider(provider);
  return firstMatch(catalogId, model) ?? (catalogId === undefined ? searchAll(model) : undefined);
}

/** The price source of a `model_price` override, billed under its own provider when it names one. */
export function customSource(
  custom: CustomPrice,
  eventProvider: string | undefined,
  eventIds: readonly string[],
): PriceSource {
  return {
    provider: providerKey(custom.provider) ?? eventProvider ?? 'custom',
    modelId: normalizeId(custom.model),
    prices: custom.prices,
    batchPrices: custom.batchPrices,
    info: undefined,
    contextWindow: custom.contextWindow,
    origin: 'override',
    matchIds: [normalizeId(custom.model), ...eventIds],
  };
}

/** The catalog model an alias points to, resolved like an event's own pair. */
function resolveAlias(target: { model: string; provider?: string | undefined }): CatalogMatch | undefined {
  const provider = target.provider === undefined ? undefined : normalizeId(target.provider);
  return resolveCatalog(provider, normalizeId(target.model));
}

/** Resolves the pair an event names, overrides first. Inputs are raw; they are normalized here. */
export function resolvePair(
  overrides: OverrideSet,
  rawProvider: string | undefined,
  rawModel: string,
): Resolution {
  const provider = rawProvider?.trim() ? normalizeId(rawProvider) : undefined;
  const model = normalizeId(rawModel);
  const key = providerKey(provider);
  const eventIds = [...new Set([model, bareModelId(model)])];
  const custom = overrides.customPrice(key, eventIds);
  if (custom !== undefined) {
    return { priced: true, source: customSource(custom, key, eventIds) };
  }
  const target = overrides.alias(key, eventIds);
  const selfHosted = target === undefined && provider !== undefined && isSelfHosted(provider);
  const match =
    model === '' || selfHosted
      ? undefined
      : target === undefined
        ? resolveCatalog(provider, model)
        : resolveAlias(target);
  return match === undefined
    ? { priced: false, reason: 'unknown_model' }
    : { priced: true, source: fromCatalog(match, eventIds) };
}
