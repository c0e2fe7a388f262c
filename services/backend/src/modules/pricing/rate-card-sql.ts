/**
 * The catalog's compiled prices as SQL: which rate card a line is billed at (its price periods and
 * input-token bands) and cost-engine's `totalCost` over that card, operation for operation, so that a
 * cost computed in ClickHouse is the same double the JavaScript engine computes. Shared by the
 * canonical fast load (pricing lines as they are stored) and the analysis's measuring pass (pricing
 * what-if bills where the requests are stored).
 * @module
 */
import type { PricePeriod, RateCard } from '@netra/optimizer';

/**
 * A double as its IEEE-754 bits: query parameters and literals are parsed as text, and only an
 * integer is sure to come back as the very same number.
 */
export function bitsOf(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return view.getBigUint64(0, true);
}

/** A number in SQL: integers as they are, anything else through its bits. */
export function numberSql(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : `reinterpretAsFloat64(toUInt64(${bitsOf(value)}))`;
}

/** Where a card is chosen: the line's time (epoch ms), its time of day, and its input tokens. */
export interface CardChoice {
  ts: string;
  ofDay: string;
  input: string;
}

/** The cards of a price list, numbered from 1. */
export class CardList {
  readonly cards: RateCard[] = [];

  idOf(card: RateCard): number {
    const known = this.cards.indexOf(card);
    return known >= 0 ? known + 1 : this.cards.push(card);
  }
}

/** price-periods' holds: whether `period` holds at the line's time. */
function holdsSql(period: PricePeriod, at: CardChoice): string {
  if (period.kind === 'always') {
    return '1';
  }
  if (period.kind === 'from') {
    return `${at.ts} >= ${numberSql(period.fromMs)}`;
  }
  const [start, end] = [numberSql(period.dailyStartMs), numberSql(period.dailyEndMs)];
  return period.dailyEndMs < period.dailyStartMs
    ? `(${at.ofDay} >= ${start} OR ${at.ofDay} < ${end})`
    : `(${at.ofDay} >= ${start} AND ${at.ofDay} < ${end})`;
}

/** rate-card's cardFor: the last band whose threshold the input tokens exceed. */
function bandSql(period: PricePeriod, cards: CardList, at: CardChoice): string {
  const [first, ...rest] = period.bands;
  const fallback = first === undefined ? '0' : String(cards.idOf(first.card));
  if (rest.length === 0) {
    return fallback;
  }
  const branches = rest
    .map((band) => `${at.input} > ${numberSql(band.above)}, ${cards.idOf(band.card)}`)
    .reverse();
  return `multiIf(${branches.join(', ')}, ${fallback})`;
}

/** price-periods' rateCardAt: the card number of the period in force (the last that holds, else the first). */
export function periodsSql(periods: readonly PricePeriod[], cards: CardList, at: CardChoice): string {
  const [first, ...rest] = periods;
  if (first === undefined) {
    return '0';
  }
  if (rest.length === 0) {
    return bandSql(first, cards, at);
  }
  const branches = rest.map((period) => `${holdsSql(period, at)}, ${bandSql(period, cards, at)}`).reverse();
  return `multiIf(${branches.join(', ')}, ${bandSql(first, cards, at)})`;
}

/** The card fields billed in SQL, as RateCard names them, with their column names. */
export const PRICE_FIELDS = [
  ['input', 'input'],
  ['cacheRead', 'cache_read'],
  ['cacheWrite', 'cache_write'],
  ['cacheWrite1h', 'cache_write_1h'],
  ['output', 'output'],
  ['reasoning', 'reasoning'],
  ['perRequest', 'per_request'],
] as const;

export type PriceColumn = (typeof PRICE_FIELDS)[number][1] | 'web_search';

/** A usage as SQL expressions of Float64 token counts (TokenUsage's fields). */
export interface UsageSql {
  input: string;
  cacheRead: string;
  cacheWrite: string;
  cacheWrite1h: string;
  output: string;
  reasoning: string;
  webSearches: string;
}

/**
 * cost-engine's totalCost, in its order of operations; `price` names a card field, `pricesSearches`
 * whether the card has a search fee.
 */
export function totalCostSql(
  usage: UsageSql,
  price: (column: PriceColumn) => string,
  pricesSearches: string,
): string {
  const { input, cacheRead, cacheWrite, cacheWrite1h, output, reasoning, webSearches } = usage;
  return (
    `((${input} - ${cacheRead} - ${cacheWrite}) * ${price('input')} + ` +
    `${cacheRead} * ${price('cache_read')} + ` +
    `(${cacheWrite} - ${cacheWrite1h}) * ${price('cache_write')} + ` +
    `${cacheWrite1h} * ${price('cache_write_1h')} + ` +
    `(${output} - ${reasoning}) * ${price('output')} + ` +
    `${reasoning} * ${price('reasoning')}) / 1000000 + ${price('per_request')} + ` +
    `if(${webSearches} = 0 OR NOT ${pricesSearches}, 0, ${webSearches} * ${price('web_search')})`
  );
}

/**
 * Settings of every priced query: expressions are not compiled to machine code, where an
 * optimizer could fuse a multiply and an add into one rounding (JavaScript rounds each).
 */
export const PRICING_SETTINGS = 'compile_expressions = 0';
