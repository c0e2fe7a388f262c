/**
 * What the optimizer needs to know about a model besides its price: context window, capability
 * hints, deprecation. Context window and deprecation are the catalog's; capabilities are hints read
 * from the price keys the catalog lists (an image-input price means vision, a reasoning price means
 * reasoning) and from well-known model families. A capability missing from the list is unknown, not
 * absent.
 * @module
 */
import type { BatchSupport } from './batch-policy.js';
import type { PricePeriod } from './price-periods.js';
import type { PriceTable, RateCard } from './rate-card.js';

/** A capability hint. */
export type Capability = 'reasoning' | 'vision' | 'audio' | 'embedding' | 'image_output';

/** A model's current standard list prices (first long-context band), USD per million tokens. */
export interface ListPrices {
  input: number | null;
  output: number | null;
  /** Null when the catalog bills cache reads at the input price. */
  cacheRead: number | null;
  cacheWrite: number | null;
  cacheWrite1h: number | null;
  /** Null when reasoning is billed as output. */
  reasoning: number | null;
  /** USD per 1,000 web searches; null when no fee is known. */
  webSearchPerThousand: number | null;
}

/** Catalog facts about one priced model. */
export interface ModelMetadata {
  provider: string;
  modelId: string;
  name: string | null;
  /** Maximum tokens of context, when the catalog knows it. */
  contextWindow: number | null;
  deprecated: boolean;
  capabilities: readonly Capability[];
  prices: ListPrices;
  /** Prices step up above a prompt-length threshold. */
  longContextTiers: boolean;
  batch: BatchSupport;
  /** Where the price comes from. */
  origin: 'catalog' | 'override';
}

// Families documented as reasoning ("thinking") models, matched on the catalog model id.
const REASONING_FAMILY =
  /^(o[1-9]\b|o[1-9]-|gpt-5|gpt-oss|deepseek-r1|deepseek-reasoner|qwq|magistral|grok-3-mini|grok-4|claude-(3-7|sonnet-4|opus-4|haiku-4-5|sonnet-5|opus-5)|gemini-(2\.5|3))|reason|think/;
const VISION_FAMILY =
  /^(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4-vision|gpt-5|o1$|o1-pro|o3$|o3-pro|o4-mini|claude-3|claude-(sonnet|opus|haiku)-[4-9]|gemini|pixtral|grok-(2-vision|4))|vision|-vl-|-vl$/;
const EMBEDDING = /embed/;

function keyCapabilities(prices: PriceTable): Capability[] {
  const found: Capability[] = [];
  if (prices.output_reasoning_mtok !== undefined) {
    found.push('reasoning');
  }
  if (prices.input_image_mtok !== undefined) {
    found.push('vision');
  }
  if (prices.input_audio_mtok !== undefined || prices.output_audio_mtok !== undefined) {
    found.push('audio');
  }
  if (prices.output_image_mtok !== undefined) {
    found.push('image_output');
  }
  return found;
}

/** Capability hints for a model id and its current price table. */
export function capabilityHints(modelId: string, prices: PriceTable): Capability[] {
  const found = new Set(keyCapabilities(prices));
  const id = modelId.slice(modelId.lastIndexOf('/') + 1).replace(/^(?:[a-z-]+\.)+(?=[a-z])/, '');
  if (REASONING_FAMILY.test(id)) {
    found.add('reasoning');
  }
  if (VISION_FAMILY.test(id)) {
    found.add('vision');
  }
  if (EMBEDDING.test(id) || (prices.input_mtok !== undefined && prices.output_mtok === undefined)) {
    found.add('embedding');
  }
  return [...found].sort();
}

/** The list prices a model's first period and band show. */
export function listPrices(periods: readonly PricePeriod[], table: PriceTable): ListPrices {
  const card = (periods[0] as PricePeriod).bands[0]?.card as RateCard;
  const own = (key: string, value: number) => (table[key] === undefined ? null : value);
  return {
    input: card.hasInput ? card.input : null,
    output: card.hasOutput ? card.output : null,
    cacheRead: own('cache_read_mtok', card.cacheRead),
    cacheWrite: own('cache_write_mtok', card.cacheWrite),
    cacheWrite1h: own('cache_write_1h_mtok', card.cacheWrite1h),
    reasoning: own('output_reasoning_mtok', card.reasoning),
    webSearchPerThousand: card.webSearch === null ? null : card.webSearch * 1000,
  };
}
