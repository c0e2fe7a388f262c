/**
 * Prices the bundled catalog leaves out but the provider documents: the 1-hour prompt-cache write
 * and the per-search fee of a server-side web search tool. The catalog's own figure always wins;
 * these fill a gap only, once per resolved pair (never per event). Without them a 1-hour write is
 * billed at the 5-minute price (genai-prices' fallback, 37.5% short for Claude) and a search at $0.
 * @module
 */
import type { ConditionalEntry } from './price-periods.js';
import type { PriceTable, PriceValue } from './rate-card.js';
import type { PriceSource } from './resolver.js';

/** A documented rule for one kind of price, scoped to a provider's models. */
export interface ProviderRate {
  /** Whether the rule covers this catalog model id (normalized, lower case). */
  readonly covers: (modelId: string) => boolean;
  /** The documented fact the figure rests on. */
  readonly source: string;
}

/** The 1-hour cache write as a multiple of the model's own input price (every long-context band). */
export interface OneHourWriteRate extends ProviderRate {
  readonly inputMultiple: number;
}

/** A flat fee per web search. */
export interface WebSearchRate extends ProviderRate {
  /** USD per 1,000 searches (genai-prices' `web_searches_kcount`). */
  readonly perThousand: number;
}

const isClaude = (modelId: string) => modelId.includes('claude');

const ANTHROPIC_1H =
  'Anthropic prompt caching: 1-hour cache writes cost 2x the base input price (5-minute writes 1.25x), https://docs.claude.com/en/docs/build-with-claude/prompt-caching#pricing';

/**
 * 1-hour writes by catalog provider id. Claude is sold at Anthropic's cache multipliers everywhere
 * it offers the 1-hour lifetime; LiteLLM's catalog (datasets/prices, snapshot 2026-07-24) lists
 * `cache_creation_input_token_cost_above_1hr` at exactly 2x input for every Claude entry of
 * bedrock_converse, vertex_ai-anthropic_models, azure_ai and openrouter, regional prices included.
 */
export const ONE_HOUR_WRITE_RATES: Readonly<Record<string, OneHourWriteRate>> = {
  anthropic: { covers: isClaude, inputMultiple: 2, source: ANTHROPIC_1H },
  google: {
    covers: isClaude,
    inputMultiple: 2,
    source: `Vertex AI: Claude prompt caching "behaves as described in the Anthropic documentation" (cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching); ${ANTHROPIC_1H}`,
  },
  aws: {
    covers: isClaude,
    inputMultiple: 2,
    source: `Amazon Bedrock: 1-hour cache TTL for Claude at 2x on-demand input (genai-prices lists it so for Claude Opus 5.5; LiteLLM for every Claude 4.5+ entry); ${ANTHROPIC_1H}`,
  },
  azure: {
    covers: isClaude,
    inputMultiple: 2,
    source: `Microsoft Foundry sells Claude at Anthropic's prices (LiteLLM azure_ai/claude-*); ${ANTHROPIC_1H}`,
  },
  openrouter: {
    covers: isClaude,
    inputMultiple: 2,
    source: `OpenRouter passes Anthropic's cache_control ttl "1h" through at Anthropic's price (openrouter.ai/docs prompt caching; LiteLLM openrouter/anthropic/claude-opus-4.1); ${ANTHROPIC_1H}`,
  },
};

const ANTHROPIC_SEARCH =
  'Anthropic web search tool: $10 per 1,000 searches plus standard token costs, https://docs.claude.com/en/docs/agents-and-tools/tool-use/web-search-tool#usage-and-pricing';

/**
 * Web search fees by catalog provider id, where the catalog has none for the model. Only flat,
 * documented fees are listed. Not listed: OpenAI (the catalog carries its fee model by model, and
 * the fee differs by tool version), Gemini grounding (free daily allowances, then a per-prompt or
 * per-query fee by model), Bedrock (no server-side web search for Claude). Searches there stay
 * unpriced and are reported as such.
 */
export const WEB_SEARCH_RATES: Readonly<Record<string, WebSearchRate>> = {
  anthropic: { covers: isClaude, perThousand: 10, source: ANTHROPIC_SEARCH },
  google: {
    covers: isClaude,
    perThousand: 10,
    source: `Vertex AI web search with Claude (LiteLLM vertex_ai/claude-*: search_context_cost_per_query 0.01); ${ANTHROPIC_SEARCH}`,
  },
  azure: {
    covers: isClaude,
    perThousand: 10,
    source: `Microsoft Foundry Claude (LiteLLM azure_ai/claude-*: search_context_cost_per_query 0.01); ${ANTHROPIC_SEARCH}`,
  },
};

function timesValue(value: PriceValue, multiple: number): PriceValue {
  return typeof value === 'number'
    ? value * multiple
    : {
        base: value.base * multiple,
        tiers: value.tiers.map((t) => ({ start: t.start, price: t.price * multiple })),
      };
}

/** A 1-hour write price derived from the input price, when the table prices 5-minute writes only. */
function oneHourWrite(table: PriceTable, rate: OneHourWriteRate | undefined): PriceValue | undefined {
  const input = table.input_mtok;
  if (rate === undefined || table.cache_write_1h_mtok !== undefined || table.cache_write_mtok === undefined) {
    return undefined;
  }
  return input === undefined ? undefined : timesValue(input, rate.inputMultiple);
}

function completeTable(
  table: PriceTable,
  oneHour: OneHourWriteRate | undefined,
  search: WebSearchRate | undefined,
): PriceTable {
  const derived1h = oneHourWrite(table, oneHour);
  const derivedSearch = search !== undefined && table.web_searches_kcount === undefined;
  if (derived1h === undefined && !derivedSearch) {
    return table;
  }
  return {
    ...table,
    ...(derived1h === undefined ? {} : { cache_write_1h_mtok: derived1h }),
    ...(derivedSearch ? { web_searches_kcount: search.perThousand } : {}),
  };
}

const covering = <T extends ProviderRate>(rates: Readonly<Record<string, T>>, source: PriceSource) => {
  const rate = rates[source.provider];
  return rate?.covers(source.modelId) === true ? rate : undefined;
};

/**
 * The source's prices with the documented 1-hour write and web search prices filled in where its
 * own list lacks them; the same object when nothing is missing.
 */
export function billedPrices(source: PriceSource, prices: PriceSource['prices']): PriceSource['prices'] {
  const oneHour = covering(ONE_HOUR_WRITE_RATES, source);
  const search = covering(WEB_SEARCH_RATES, source);
  if (oneHour === undefined && search === undefined) {
    return prices;
  }
  if (!Array.isArray(prices)) {
    return completeTable(prices as PriceTable, oneHour, search);
  }
  return (prices as readonly ConditionalEntry[]).map((entry) => ({
    ...entry,
    prices: completeTable(entry.prices, oneHour, search),
  }));
}
