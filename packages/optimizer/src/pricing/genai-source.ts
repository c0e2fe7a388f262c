/**
 * The one module that talks to `@pydantic/genai-prices`. It only ever reads the data bundled with
 * the installed package: `updatePrices`/auto-update are never called, so nothing is fetched.
 * Matching a model id uses genai-prices' own rules (match clauses, provider fallbacks, dated-id
 * normalization); that happens once per distinct id, never per event.
 * @module
 */
import { calcPrice, findProvider, type ModelInfo, type Provider } from '@pydantic/genai-prices';
import { CATALOG_PROVIDER_IDS } from './providers.js';

/** A catalog model and the provider that bills it (for fallbacks, e.g. azure billing an openai model). */
export interface CatalogMatch {
  readonly provider: Provider;
  readonly model: ModelInfo;
}

// Matching reuses calcPrice so the ids it accepts are exactly genai-prices'; no tokens, no cost.
const NO_USAGE = Object.freeze({});

/** The catalog model for `model` at `providerId` (or the provider genai-prices infers), if any. */
export function matchCatalogModel(model: string, providerId?: string): CatalogMatch | undefined {
  try {
    const result = calcPrice(NO_USAGE, model, providerId === undefined ? undefined : { providerId });
    return result === null ? undefined : { provider: result.provider, model: result.model };
  } catch {
    // genai-prices throws on internally inconsistent price data; such a model cannot be priced.
    return undefined;
  }
}

let providers: readonly Provider[] | undefined;

/** Every bundled catalog provider, in catalog order. */
export function catalogProviders(): readonly Provider[] {
  providers ??= CATALOG_PROVIDER_IDS.map((id) => findProvider({ providerId: id })).filter(
    (provider): provider is Provider => provider !== undefined,
  );
  return providers;
}

/** A bundled catalog provider by exact id. */
export function catalogProvider(id: string): Provider | undefined {
  return catalogProviders().find((provider) => provider.id === id);
}
