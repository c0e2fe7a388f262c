/**
 * Prices that change over time. genai-prices lists a model's prices either once or as a sequence of
 * entries constrained by a start date or a daily UTC time window (off-peak discounts); the last entry
 * whose constraint holds wins, and the first entry when none holds. Periods are compiled once so the
 * per-event choice compares numbers only.
 * @module
 */
import { cardFor, compileBands, type PriceTable, type RateBand, type RateCard } from './rate-card.js';

const DAY_MS = 86_400_000;

/** One priced period: always, from a start date, or inside a daily UTC window. */
export interface PricePeriod {
  readonly kind: 'always' | 'from' | 'daily';
  /** `from`: epoch ms the period starts. */
  readonly fromMs: number;
  /** `daily`: window start and end as ms after UTC midnight (end before start wraps midnight). */
  readonly dailyStartMs: number;
  readonly dailyEndMs: number;
  readonly bands: readonly RateBand[];
}

/** A price list entry as genai-prices stores it. */
export interface ConditionalEntry {
  constraint?:
    | { type: 'start_date'; start_date: string }
    | { type: 'time_of_date'; start_time: string; end_time: string }
    | undefined;
  prices: PriceTable;
}

const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds after UTC midnight for `HH:MM:SS[.fff](Z|±HH:MM)`. */
export function timeOfDayMs(text: string): number {
  const match = TIME_OF_DAY.exec(text);
  if (match === null) {
    throw new Error(`invalid time of day in the price catalog: ${text}`);
  }
  const [, hh, mm, ss, fraction = '', , sign, offH = '0', offM = '0'] = match;
  const local = (Number(hh) * 3600 + Number(mm) * 60 + Number(ss) + Number(`0.${fraction}`)) * 1000;
  const offset = (Number(offH) * 60 + Number(offM)) * 60_000 * (sign === '-' ? -1 : 1);
  return (((local - offset) % DAY_MS) + DAY_MS) % DAY_MS;
}

function compileEntry(entry: ConditionalEntry, transform: (bands: RateBand[]) => RateBand[]): PricePeriod {
  const bands = transform(compileBands(entry.prices));
  const constraint = entry.constraint;
  if (constraint === undefined) {
    return { kind: 'always', fromMs: 0, dailyStartMs: 0, dailyEndMs: 0, bands };
  }
  if (constraint.type === 'start_date') {
    const fromMs = Date.parse(`${constraint.start_date}T00:00:00Z`);
    return { kind: 'from', fromMs, dailyStartMs: 0, dailyEndMs: 0, bands };
  }
  const dailyStartMs = timeOfDayMs(constraint.start_time);
  const dailyEndMs = timeOfDayMs(constraint.end_time);
  return { kind: 'daily', fromMs: 0, dailyStartMs, dailyEndMs, bands };
}

/** Compiles a model's `prices` (one table or a constrained list), optionally transforming the bands. */
export function compilePeriods(
  prices: PriceTable | readonly ConditionalEntry[],
  transform: (bands: RateBand[]) => RateBand[] = (bands) => bands,
): PricePeriod[] {
  const entries: readonly ConditionalEntry[] = Array.isArray(prices)
    ? prices
    : [{ prices: prices as PriceTable }];
  return entries.map((entry) => compileEntry(entry, transform));
}

function holds(period: PricePeriod, timeMs: number): boolean {
  if (period.kind === 'always') {
    return true;
  }
  if (period.kind === 'from') {
    return timeMs >= period.fromMs;
  }
  const ofDay = ((timeMs % DAY_MS) + DAY_MS) % DAY_MS;
  return period.dailyEndMs < period.dailyStartMs
    ? ofDay >= period.dailyStartMs || ofDay < period.dailyEndMs
    : ofDay >= period.dailyStartMs && ofDay < period.dailyEndMs;
}

/** The period in force at `timeMs`: the last whose constraint holds, else the first. */
export function periodAt(periods: readonly PricePeriod[], timeMs: number): PricePeriod {
  for (let index = periods.length - 1; index >= 0; index -= 1) {
    const period = periods[index] as PricePeriod;
    if (holds(period, timeMs)) {
      return period;
    }
  }
  return periods[0] as PricePeriod;
}

/** The rate card for a request at `timeMs` with `inputTokens` input tokens. */
export function rateCardAt(periods: readonly PricePeriod[], timeMs: number, inputTokens: number): RateCard {
  const period = periods.length === 1 ? (periods[0] as PricePeriod) : periodAt(periods, timeMs);
  return cardFor(period.bands, inputTokens);
}
