/**
 * Organization price overrides: they win over the public catalog. Three kinds:
 * - `model_price`: a model's own price list, for fine-tunes, self-hosted models and anything the
 *   catalog lacks (USD per million tokens, genai-prices key names, tiers allowed);
 * - `alias`: "this id means that catalog model" (for example an Azure deployment name);
 * - `discount`: a negotiated percentage off a provider, a model, or everything.
 * @module
 */
import { errors } from '@netra/shared';
import { z } from 'zod';
import { normalizeId, toCatalogProvider } from './providers.js';

const amount = z.number().nonnegative();
const priceValue = z.union([
  amount,
  z.object({
    base: amount,
    tiers: z.array(z.object({ start: z.number().int().nonnegative(), price: amount })).min(1),
  }),
]);
const idText = z.string().trim().min(1).max(256);

/**
 * A price list in genai-prices' units: USD per million tokens, `requests_kcount` per 1,000 requests,
 * `web_searches_kcount` per 1,000 web searches.
 */
export const tokenPricesSchema = z.strictObject({
  input_mtok: priceValue,
  output_mtok: priceValue.optional(),
  cache_read_mtok: priceValue.optional(),
  cache_write_mtok: priceValue.optional(),
  cache_write_1h_mtok: priceValue.optional(),
  output_reasoning_mtok: priceValue.optional(),
  requests_kcount: amount.optional(),
  web_searches_kcount: amount.optional(),
});

const modelPriceOverride = z.strictObject({
  kind: z.literal('model_price'),
  model: idText,
  provider: idText.optional(),
  /** `prefix` prices every id starting with `model` (all fine-tunes of a base, say). */
  match: z.enum(['exact', 'prefix']).default('exact'),
  prices: tokenPricesSchema,
  /** The batch price, when the organization has one; else the provider's batch rule applies. */
  batchPrices: tokenPricesSchema.optional(),
  contextWindow: z.number().int().positive().optional(),
});

const aliasOverride = z.strictObject({
  kind: z.literal('alias'),
  model: idText,
  provider: idText.optional(),
  target: z.strictObject({ model: idText, provider: idText.optional() }),
});

const discountOverride = z.strictObject({
  kind: z.literal('discount'),
  /** Percent off the list price, 0 < percent ≤ 100. */
  percent: z.number().gt(0).max(100),
  provider: idText.optional(),
  model: idText.optional(),
});

/** Validates one organization price override. */
export const priceOverrideSchema = z.discriminatedUnion('kind', [
  modelPriceOverride,
  aliasOverride,
  discountOverride,
]);

/** One organization price override, as callers write it. */
export type PriceOverride = z.input<typeof priceOverrideSchema>;
/** A token price list as overrides and what-if alternatives write it. */
export type TokenPrices = z.input<typeof tokenPricesSchema>;
/** A validated `model_price` override. */
export type CustomPrice = z.output<typeof modelPriceOverride>;
type AliasOverride = z.output<typeof aliasOverride>;
type DiscountOverride = z.output<typeof discountOverride>;

/** Override providers compare as catalog ids when known, else as written (`self-hosted`). */
export function providerKey(provider: string | undefined): string | undefined {
  if (provider === undefined) {
    return undefined;
  }
  const normalized = normalizeId(provider);
  return toCatalogProvider(normalized) ?? normalized;
}

function parseAll(overrides: readonly unknown[]) {
  return overrides.map((override, index) => {
    const parsed = priceOverrideSchema.safeParse(override);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : `${issue.path.join('.') || 'override'}: ${issue.message}`;
      throw errors.validation(`price override #${index}: ${where}`, { details: { index } });
    }
    return parsed.data;
  });
}

interface Scoped {
  readonly model?: string | undefined;
  readonly provider?: string | undefined;
}

function matchesProvider(override: Scoped, provider: string | undefined): boolean {
  return override.provider === undefined || providerKey(override.provider) === provider;
}

/** An organization's overrides, validated once and matched per distinct (provider, model). */
export class OverrideSet {
  private readonly prices: CustomPrice[];
  private readonly aliases: AliasOverride[];
  private readonly discounts: DiscountOverride[];

  /** The validated `model_price` overrides, in the order given. */
  get customPrices(): readonly CustomPrice[] {
    return this.prices;
  }

  constructor(overrides: readonly PriceOverride[] = []) {
    const parsed = parseAll(overrides);
    this.prices = parsed.filter((o): o is CustomPrice => o.kind === 'model_price');
    this.aliases = parsed.filter((o): o is AliasOverride => o.kind === 'alias');
    this.discounts = parsed.filter((o): o is DiscountOverride => o.kind === 'discount');
  }

  /** The custom price for any of `models` (normalized ids) at `provider` (a provider key). */
  customPrice(provider: string | undefined, models: readonly string[]): CustomPrice | undefined {
    return this.prices.find(
      (o) =>
        matchesProvider(o, provider) &&
        models.some((id) => {
          const own = normalizeId(o.model);
          return o.match === 'prefix' ? id.startsWith(own) : id === own;
        }),
    );
  }

  /** The catalog model an alias maps any of `models` at `provider` to. */
  alias(provider: string | undefined, models: readonly string[]): AliasOverride['target'] | undefined {
    return this.aliases.find((o) => matchesProvider(o, provider) && models.includes(normalizeId(o.model)))
      ?.target;
  }

  /**
   * The price factor (1 = no discount) for a priced model: the most specific matching discount
   * wins (provider and model, then model, then provider, then organization-wide); they never stack.
   */
  discountFactor(provider: string, models: readonly string[]): number {
    const matches = this.discounts.filter(
      (o) => matchesProvider(o, provider) && (o.model === undefined || models.includes(normalizeId(o.model))),
    );
    const rank = (o: DiscountOverride) =>
      (o.model === undefined ? 0 : 2) + (o.provider === undefined ? 0 : 1);
    const best = matches.sort((a, b) => rank(b) - rank(a))[0];
    return best === undefined ? 1 : 1 - best.percent / 100;
  }
}
