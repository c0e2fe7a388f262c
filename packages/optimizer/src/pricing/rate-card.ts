/**
 * Rate cards: one model's token prices flattened into plain numbers so pricing an event is
 * arithmetic only. A genai-prices price object (USD per million tokens, any field possibly tiered by
 * prompt length) compiles into one card per long-context band.
 * @module
 */

/** A price as genai-prices writes it: flat, or tiered by the request's total input tokens. */
export type PriceValue = number | { base: number; tiers: readonly { start: number; price: number }[] };

/** A model's prices as genai-prices writes them; only the token keys below are read. */
export type PriceTable = Readonly<Record<string, PriceValue | undefined>>;

/** The price keys the engine prices (genai-prices names: USD per million tokens, `_kcount` per 1,000). */
export const TOKEN_PRICE_KEYS = [
  'input_mtok',
  'output_mtok',
  'cache_read_mtok',
  'cache_write_mtok',
  'cache_write_1h_mtok',
  'output_reasoning_mtok',
  'requests_kcount',
  'web_searches_kcount',
] as const;

/** A card's prices, field by field (see `RateCard`). */
export interface CardPrices {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly output: number;
  readonly reasoning: number;
  readonly perRequest: number;
  /** USD per web search; null when neither the catalog nor the provider's documented fee prices it. */
  readonly webSearch: number | null;
  /** The catalog prices input tokens (an embedding model may price input only). */
  readonly hasInput: boolean;
  /** The catalog prices output tokens. */
  readonly hasOutput: boolean;
}

/** Prices a discount leaves as they are. */
export interface SparedPrices {
  cacheRead?: boolean;
  webSearch?: boolean;
}

/**
 * Prices of one model in one long-context band, in USD per million tokens (per request for
 * `perRequest`, per search for `webSearch`). Token kinds the catalog does not price separately carry
 * the price they are billed at instead, exactly as genai-prices bills them: cache reads and writes
 * at the input price, 1-hour writes at the 5-minute write price, reasoning at the output price.
 * (Where the provider documents a 1-hour price the catalog lacks, `provider-rates.ts` has already
 * filled it in.)
 */
export class RateCard implements CardPrices {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly output: number;
  readonly reasoning: number;
  readonly perRequest: number;
  readonly webSearch: number | null;
  readonly hasInput: boolean;
  readonly hasOutput: boolean;

  constructor(prices: CardPrices) {
    this.input = prices.input;
    this.cacheRead = prices.cacheRead;
    this.cacheWrite = prices.cacheWrite;
    this.cacheWrite1h = prices.cacheWrite1h;
    this.output = prices.output;
    this.reasoning = prices.reasoning;
    this.perRequest = prices.perRequest;
    this.webSearch = prices.webSearch;
    this.hasInput = prices.hasInput;
    this.hasOutput = prices.hasOutput;
  }

  /** This card with every price multiplied by `factor` (a discount), except those `spare` names. */
  scaled(factor: number, spare: SparedPrices = {}): RateCard {
    const search = this.webSearch;
    return new RateCard({
      input: this.input * factor,
      cacheRead: spare.cacheRead === true ? this.cacheRead : this.cacheRead * factor,
      cacheWrite: this.cacheWrite * factor,
      cacheWrite1h: this.cacheWrite1h * factor,
      output: this.output * factor,
      reasoning: this.reasoning * factor,
      perRequest: this.perRequest * factor,
      webSearch: search === null || spare.webSearch === true ? search : search * factor,
      hasInput: this.hasInput,
      hasOutput: this.hasOutput,
    });
  }
}

/** A card that applies when the request's input tokens are above `above` (the first band: -1). */
export interface RateBand {
  readonly above: number;
  readonly card: RateCard;
}

function isTiered(value: PriceValue): value is Exclude<PriceValue, number> {
  return typeof value === 'object';
}

/** The price of `value` for a request whose input tokens exceed `above` (and no later threshold). */
function priceAbove(value: PriceValue | undefined, above: number): number | undefined {
  if (value === undefined || !isTiered(value)) {
    return value;
  }
  // genai-prices: a tier applies when the prompt has more tokens than its start; the last one wins.
  let price = value.base;
  for (const tier of [...value.tiers].sort((a, b) => a.start - b.start)) {
    if (above >= tier.start) {
      price = tier.price;
    }
  }
  return price;
}

function cardAbove(prices: PriceTable, above: number): RateCard {
  const at = (key: (typeof TOKEN_PRICE_KEYS)[number]) => priceAbove(prices[key], above);
  const input = at('input_mtok');
  const output = at('output_mtok');
  const cacheWrite = at('cache_write_mtok') ?? input ?? 0;
  const requests = at('requests_kcount');
  const searches = at('web_searches_kcount');
  return new RateCard({
    input: input ?? 0,
    cacheRead: at('cache_read_mtok') ?? input ?? 0,
    cacheWrite,
    cacheWrite1h: at('cache_write_1h_mtok') ?? cacheWrite,
    output: output ?? 0,
    reasoning: at('output_reasoning_mtok') ?? output ?? 0,
    perRequest: requests === undefined ? 0 : requests / 1000,
    webSearch: searches === undefined ? null : searches / 1000,
    hasInput: input !== undefined,
    hasOutput: output !== undefined,
  });
}

/** Every tier threshold of the token prices, ascending and without repeats. */
function thresholds(prices: PriceTable): number[] {
  const starts = new Set<number>();
  for (const key of TOKEN_PRICE_KEYS) {
    const value = prices[key];
    if (value !== undefined && isTiered(value)) {
      value.tiers.forEach((tier) => starts.add(tier.start));
    }
  }
  return [...starts].sort((a, b) => a - b);
}

/** Compiles one price table into its long-context bands (one band when nothing is tiered). */
export function compileBands(prices: PriceTable): RateBand[] {
  return [-1, ...thresholds(prices)].map((above) => ({ above, card: cardAbove(prices, above) }));
}

/** The card for a request with `inputTokens` input tokens. */
export function cardFor(bands: readonly RateBand[], inputTokens: number): RateCard {
  let card = (bands[0] as RateBand).card;
  for (let index = 1; index < bands.length; index += 1) {
    const band = bands[index] as RateBand;
    if (inputTokens > band.above) {
      card = band.card;
    }
  }
  return card;
}

/** Whether the table prices any token kind the engine bills (else the model is not priceable). */
export function hasTokenPrices(prices: PriceTable): boolean {
  return prices.input_mtok !== undefined || prices.output_mtok !== undefined;
}
