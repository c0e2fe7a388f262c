/**
 * Pricing of the canonical fast load in SQL. JavaScript resolves each distinct (provider, model,
 * batch) of the staged lines once, through the same catalog ingestion prices with, numbers it in a
 * small pairs table, and writes its compiled prices (periods, input-token bands, rate cards) as one
 * branch of a generated expression that gives each line its card; the line is then billed with the
 * arithmetic of `totalCost`, operation for operation, so that every cost is the same double the
 * JavaScript path stores. Where a pair or a line cannot be priced, the line keeps its reported cost,
 * as `rowCost` does. Scalar branches rather than price arrays joined to every line: measured at 1M
 * lines, the arrays cost 3 s more in the insert.
 * @module
 */
import type { PairRates, PricePeriod, RateCard } from '@netra/optimizer';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import {
  bitsOf,
  CardList,
  periodsSql,
  PRICE_FIELDS,
  totalCostSql,
  type CardChoice,
  type UsageSql,
} from '#modules/pricing/rate-card-sql.js';

/** One distinct pricing key of the staged lines (a line's provider is '' when it names none). */
export interface PairKey {
  has_provider: boolean;
  provider: string;
  model: string;
  batch: boolean;
}

/** What the fast load asks of the catalog: the compiled prices of a pair. */
export interface RateSource {
  rates(provider: string | undefined, model: string): PairRates;
}

/** The pairs table: one row per key, with its number and who its priced lines are attributed to. */
export const PAIRS_DDL =
  '(has_provider Bool, provider String, model String, batch Bool, pair_id UInt32, ' +
  'priced_provider String, priced_model String)';

export const PAIRS_COLUMNS = [
  'has_provider',
  'provider',
  'model',
  'batch',
  'pair_id',
  'priced_provider',
  'priced_model',
] as const;

const DAY_MS = 86_400_000;

/**
 * Where a line's card is chosen. Fast lines have timestamps after 1973, so the time of day is a
 * plain remainder.
 */
const LINE: CardChoice = { ts: 'r.ts', ofDay: `(r.ts % ${DAY_MS})`, input: 'r.input_tokens' };

/** The SQL that prices the lines of some pairs (numbers first…last) and its parameters. */
export interface PricingGroup {
  /** The priced values of a line `r` joined with its pair `p` (see PRICED_VALUES). */
  values: string;
  params: QueryParams;
  firstPair: number;
  lastPair: number;
}

/** A load's pairs table rows and the statements' pricing, a group of pairs each. */
export interface LoadPricing {
  pairLines: Buffer;
  groups: PricingGroup[];
}

/**
 * Pairs priced per statement: ClickHouse bounds a query's expression tree (500,000 nodes), and a
 * file naming thousands of models would exceed it in one statement.
 */
const PAIRS_PER_STATEMENT = 200;

interface ResolvedPair {
  id: number;
  periods: readonly PricePeriod[];
}

/** The prices of one group of pairs: a branch per pair choosing a card; the cards as bits. */
function pricingGroup(pairs: readonly ResolvedPair[]): PricingGroup {
  const cards = new CardList();
  const branches = pairs.map((pair) => `p.pair_id = ${pair.id}, ${periodsSql(pair.periods, cards, LINE)}`);
  const params: QueryParams = { card_ids: cards.cards.map((_card, index) => index + 1) };
  const values = [`multiIf(${branches.join(', ')}, 0) AS card_id`];
  const lookup = (column: string, type: string) =>
    `transform(card_id, {card_ids:Array(UInt32)}, {card_${column}:Array(${type})}, to${type}(0))`;
  for (const [field, column] of PRICE_FIELDS) {
    params[`card_${column}`] = cards.cards.map((card) => bitsOf(card[field]));
    values.push(`reinterpretAsFloat64(${lookup(column, 'UInt64')}) AS c_${column}`);
  }
  params.card_web_search = cards.cards.map((card) => bitsOf(card.webSearch ?? 0));
  values.push(`reinterpretAsFloat64(${lookup('web_search', 'UInt64')}) AS c_web_search`);
  const flags = {
    has_input: (card: RateCard) => card.hasInput,
    has_output: (card: RateCard) => card.hasOutput,
    prices_searches: (card: RateCard) => card.webSearch !== null,
  };
  for (const [name, of] of Object.entries(flags)) {
    params[`card_${name}`] = cards.cards.map((card) => (of(card) ? 1 : 0));
    values.push(`${lookup(name, 'UInt8')} = 1 AS c_${name}`);
  }
  values.push(...PRICED_VALUES.map(([name, sql]) => `${sql} AS ${name}`));
  const [first, last] = [pairs[0]?.id ?? 0, pairs.at(-1)?.id ?? 0];
  return { values: values.join(', '), params, firstPair: first, lastPair: last };
}

/**
 * The pricing of lines whose distinct keys are `keys` (numbered from 1 in this order): each key's
 * periods and bands become one branch choosing a card number; the cards' prices travel as bits.
 */
export function loadPricing(keys: readonly PairKey[], source: RateSource): LoadPricing {
  const rows: string[] = [];
  const pairs = keys.map((key, index): ResolvedPair => {
    const rates = source.rates(key.has_provider ? key.provider : undefined, key.model);
    const row = [key.has_provider, key.provider, key.model, key.batch, index + 1];
    rows.push(`${JSON.stringify([...row, rates.provider ?? '', rates.modelId ?? ''])}\n`);
    return { id: index + 1, periods: (key.batch ? rates.batch : rates.standard) ?? [] };
  });
  const groups: PricingGroup[] = [];
  for (let start = 0; start < pairs.length; start += PAIRS_PER_STATEMENT) {
    groups.push(pricingGroup(pairs.slice(start, start + PAIRS_PER_STATEMENT)));
  }
  return { pairLines: Buffer.from(rows.join(''), 'utf8'), groups };
}

/** cost-engine's cardCovers: the card prices every token kind the line bills. */
const COVERED = '(c_has_input OR r.input_tokens = 0) AND (c_has_output OR r.output_tokens = 0)';

/** A line's usage as doubles (the same numbers: token counts stay below 2^53). */
const LINE_USAGE: UsageSql = {
  input: 'toFloat64(r.input_tokens)',
  cacheRead: 'toFloat64(r.cache_read_tokens)',
  cacheWrite: 'toFloat64(r.cache_write_tokens)',
  cacheWrite1h: 'toFloat64(r.cache_write_1h_tokens)',
  output: 'toFloat64(r.output_tokens)',
  reasoning: 'toFloat64(r.reasoning_tokens)',
  webSearches: 'toFloat64(r.web_search_requests)',
};

/** cost-engine's totalCost over the line's card. */
const TOTAL_COST = totalCostSql(LINE_USAGE, (column) => `c_${column}`, 'c_prices_searches');

/**
 * The priced values after the card's, in dependency order. `priced` is PricingResult.costUsd !==
 * null; the last five are the usage columns pricing decides (buildUsageRow and rowCost).
 */
const PRICED_VALUES: readonly (readonly [string, string])[] = [
  ['priced', `card_id != 0 AND ${COVERED}`],
  ['catalog_cost', TOTAL_COST],
  ['priced_cost_usd', 'if(priced, toNullable(catalog_cost), r.reported_cost_usd)'],
  ['priced_cost_source', "if(priced, 'catalog', if(isNull(r.reported_cost_usd), '', 'reported'))"],
  ['priced_provider_id', "if(priced, p.priced_provider, '')"],
  ['priced_model_id', "if(priced, p.priced_model, '')"],
  ['line_provider', "if(r.has_provider, r.provider, if(priced, p.priced_provider, 'unknown'))"],
];

/** `FROM <lines> AS r` joined with its pair `p` (one row per key: ANY). */
export function pricedFrom(lines: string, pairs: string): string {
  return (
    `FROM ${lines} AS r ANY LEFT JOIN ${pairs} AS p ` +
    'ON r.has_provider = p.has_provider AND r.provider = p.provider AND r.model = p.model AND r.batch = p.batch'
  );
}
