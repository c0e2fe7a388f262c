/**
 * The prices a measuring query bills at: every (provider, model) a bill can name — the requests'
 * own priced pairs and the reroutes' targets — resolved once through the catalog, numbered, and
 * written as rate cards the query looks up by number. Pricing a bill is then choosing its card (a
 * plain lookup for a pair with one period and one band, the periods' and bands' conditions
 * otherwise) and cost-engine's totalCost over it.
 * @module
 */
import type { PairRates, PriceCatalog, PricePeriod } from '@netra/optimizer';
import type { QueryParams } from '#platform/stores/clickhouse.js';
import {
  bitsOf,
  CardList,
  periodsSql,
  PRICE_FIELDS,
  totalCostSql,
  type CardChoice,
  type PriceColumn,
} from '#modules/pricing/rate-card-sql.js';
import type { BillSql, ColumnSink } from './measure-bills.js';

const DAY_MS = 86_400_000;

/** The request's time and time of day (price-periods' holds, negative times included). */
const REQUEST_TIME = { ts: 'ts', ofDay: `((ts % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS}` };

/** The (provider, model) pairs bills are priced at, numbered from 1. */
export class PricePairs {
  private readonly ids = new Map<string, number>();
  private readonly rates: PairRates[] = [];

  constructor(private readonly catalog: PriceCatalog) {}

  idOf(provider: string, model: string): number {
    const key = JSON.stringify([provider, model]);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.rates.push(this.catalog.rates(provider, model));
      this.ids.set(key, id);
    }
    return id;
  }

  /** The periods of each priced pair and batch flag, in number order: pair p standard is 2p-1, batch 2p. */
  pricedPeriods(): (readonly PricePeriod[])[] {
    return this.rates.flatMap((rates) => [rates.standard ?? [], rates.batch ?? []]);
  }
}

/** Whether the card of these periods depends on the request (more than one period or band). */
function variable(periods: readonly PricePeriod[]): boolean {
  return periods.length > 1 || (periods[0]?.bands.length ?? 0) > 1;
}

/** A bill's card and its prices, as column names. */
export interface CardColumns {
  card: string;
  prices: Record<PriceColumn, string>;
  hasInput: string;
  hasOutput: string;
  pricesSearches: string;
}

/** Whether two bills are billed at the same card: the same pair, batch flag and input tokens at the same time. */
export function sameCard(a: BillSql, b: BillSql): boolean {
  return a.pair === b.pair && a.batch === b.batch && a.input === b.input;
}

/** Prices bills in a query: card choice and cost columns, with the parameters they read. */
export class BillPricing {
  private readonly cards = new CardList();
  private readonly periods: (readonly PricePeriod[])[];
  private readonly fixedCards: number[];

  constructor(pairs: PricePairs) {
    this.periods = pairs.pricedPeriods();
    const choice: CardChoice = { ...REQUEST_TIME, input: '0' };
    this.fixedCards = this.periods.map((periods) =>
      variable(periods) ? 0 : Number(periodsSql(periods, this.cards, choice)),
    );
  }

  /** The number of the card a bill is billed at (0: not priced). */
  private cardSql(pricedPair: string, input: string): string {
    const fixed = `{pp_card:Array(UInt32)}[${pricedPair}]`;
    const choice: CardChoice = { ...REQUEST_TIME, input };
    const branches = this.periods.flatMap((periods, index) =>
      variable(periods) ? [`${pricedPair} = ${index + 1}, ${periodsSql(periods, this.cards, choice)}`] : [],
    );
    return branches.length === 0 ? fixed : `if(${fixed} != 0, ${fixed}, multiIf(${branches.join(', ')}, 0))`;
  }

  /** The card a bill is billed at and its prices, as columns (the card is 0 when the bill is not priced). */
  cardColumns(bill: BillSql, column: ColumnSink): CardColumns {
    const pricedPair = column('pp', `if(${bill.pair} = 0, 0, ${bill.pair} * 2 - 1 + ${bill.batch})`);
    const card = column('card', this.cardSql(pricedPair, bill.input));
    const prices = {} as Record<PriceColumn, string>;
    for (const field of [...PRICE_FIELDS.map(([, name]) => name), 'web_search'] as const) {
      prices[field] = column(
        `price_${field}`,
        `reinterpretAsFloat64({card_${field}:Array(UInt64)}[${card}])`,
      );
    }
    const flag = (field: string) => column(field, `{card_${field}:Array(UInt8)}[${card}] = 1`);
    return {
      card,
      prices,
      hasInput: flag('has_input'),
      hasOutput: flag('has_output'),
      pricesSearches: flag('prices_searches'),
    };
  }

  /**
   * Columns `priced` and `cost` of a bill at its card (price-entry's costOfEntry: priced when the
   * pair has a card for the time and the card covers every token kind the bill has).
   */
  costSql(bill: BillSql, card: CardColumns, column: ColumnSink): { priced: string; cost: string } {
    const priced = column(
      'priced',
      `${card.card} != 0 AND (${card.hasInput} OR ${bill.input} = 0) AND (${card.hasOutput} OR ${bill.output} = 0)`,
    );
    const cost = column(
      'cost',
      totalCostSql(bill, (field) => card.prices[field], card.pricesSearches),
    );
    return { priced, cost };
  }

  /** The parameters of the cards, once every bill is priced (cards are numbered as they are met). */
  cardParams(): QueryParams {
    const cards = this.cards.cards;
    const params: QueryParams = { pp_card: this.fixedCards };
    for (const [field, column] of PRICE_FIELDS) {
      params[`card_${column}`] = cards.map((card) => bitsOf(card[field]));
    }
    params.card_web_search = cards.map((card) => bitsOf(card.webSearch ?? 0));
    params.card_has_input = cards.map((card) => (card.hasInput ? 1 : 0));
    params.card_has_output = cards.map((card) => (card.hasOutput ? 1 : 0));
    params.card_prices_searches = cards.map((card) => (card.webSearch === null ? 0 : 1));
    return params;
  }
}
