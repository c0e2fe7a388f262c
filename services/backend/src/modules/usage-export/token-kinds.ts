/**
 * The token kinds a FOCUS row is cut by, how each is counted and what the catalog lists it at.
 * List prices are USD per million tokens (per thousand web searches); a kind the catalog does not
 * price on its own is billed at the price it falls back to (cache reads and writes at the input
 * price, reasoning at the output price, 1-hour writes at the 5-minute price).
 * @module
 */
import type { ListPrices } from '@netra/optimizer';
import type { DailyUsageGroup } from './usage-export.repository.js';

export type TokenKind =
  'input' | 'cache_read' | 'cache_write' | 'cache_write_1h' | 'output' | 'reasoning' | 'web_search';

export interface TokenKindSpec {
  kind: TokenKind;
  unit: 'Tokens' | 'Searches';
  /** USD per unit at list price; null when the catalog lists no price for it. */
  listRate(prices: ListPrices): number | null;
}

const PER_MILLION = 1_000_000;
const perToken = (price: number | null) => (price === null ? null : price / PER_MILLION);

/** In the order rows are written. */
export const TOKEN_KINDS: readonly TokenKindSpec[] = [
  { kind: 'input', unit: 'Tokens', listRate: (p) => perToken(p.input) },
  { kind: 'cache_read', unit: 'Tokens', listRate: (p) => perToken(p.cacheRead ?? p.input) },
  { kind: 'cache_write', unit: 'Tokens', listRate: (p) => perToken(p.cacheWrite ?? p.input) },
  {
    kind: 'cache_write_1h',
    unit: 'Tokens',
    listRate: (p) => perToken(p.cacheWrite1h ?? p.cacheWrite ?? p.input),
  },
  { kind: 'output', unit: 'Tokens', listRate: (p) => perToken(p.output) },
  { kind: 'reasoning', unit: 'Tokens', listRate: (p) => perToken(p.reasoning ?? p.output) },
  {
    kind: 'web_search',
    unit: 'Searches',
    listRate: (p) => (p.webSearchPerThousand === null ? null : p.webSearchPerThousand / 1000),
  },
];

/** How much of each kind a group used. */
export type KindQuantities = Record<TokenKind, number>;

export function quantitiesOf(group: DailyUsageGroup): KindQuantities {
  return {
    input: group.input,
    cache_read: group.cache_read,
    cache_write: group.cache_write,
    cache_write_1h: group.cache_write_1h,
    output: group.output,
    reasoning: group.reasoning,
    web_search: group.web_search,
  };
}

export function addQuantities(into: KindQuantities, more: KindQuantities): void {
  for (const { kind } of TOKEN_KINDS) {
    into[kind] += more[kind];
  }
}
