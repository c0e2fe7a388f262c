/**
 * Money in a message: "$5000/month", "5k a month", "$12,000 per year", "1.2M USD annually". Each
 * amount gets its period when one is written next to it ("per month", "/mo", "monthly", "a monthly
 * spend of …"), and a role: a spend the user states, or a target ("get it under $2,000/month").
 * Only US dollars are read; other currencies are left alone rather than converted at a guessed rate.
 * @module
 */
import { DAYS_PER_MONTH } from '@netra/optimizer';

export type AmountPeriod = 'day' | 'week' | 'month' | 'year';

export interface Amount {
  mention: string;
  usd: number;
  period: AmountPeriod | null;
  /**
   * target: what the user wants to get to ("under $2,000 a month"); savings: what they want to save
   * ("save $1,000 a month"); stated: anything else (a spend, a bill).
   */
  role: 'stated' | 'target' | 'savings';
  /** The amount is followed by what it is spent on ("… on GPT-4o", "… for the chatbot"). */
  scoped: boolean;
  index: number;
}

/** Amounts of one pattern read at most: a request states a few; a pasted table is not a request. */
const MAX_AMOUNTS = 50;

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const SCALE = String.raw`(k|thousand|mm|m|million|bn|b|billion)`;
const PERIOD_WORD = String.raw`(month|mo|year|yr|annum|week|wk|day)`;

const AMOUNT_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?:\$|\busd\s?)\s?${NUMBER}\s?${SCALE}?\b`, 'gi'),
  new RegExp(String.raw`\b${NUMBER}\s?${SCALE}?\s?(?:usd|dollars?|bucks)\b`, 'gi'),
  new RegExp(String.raw`\b${NUMBER}\s?(k|m)\b(?=\s*(?:\/|per|a|an|each|every)\s*${PERIOD_WORD}\b)`, 'gi'),
];

const PERIOD_AFTER = new RegExp(
  String.raw`^\s*(?:(?:on|for|in|across)\s[^$.;!?]{1,30}?\s)?(?:\/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)${PERIOD_WORD}\b|^\s*(?:(?:on|for|in|across)\s[^$.;!?]{1,30}?\s)?(monthly|annually|yearly|weekly|daily)\b`,
  'i',
);
const PERIOD_BEFORE =
  /\b(monthly|annual|yearly|weekly|daily|per month|a month|per year|a year)\b[^$.;!?]{0,25}$/i;
const SAVINGS_BEFORE =
  /\b(?:sav(?:e|ing)|savings of|cut(?:ting)? (?:\w+ )?by|reduc(?:e|ing) (?:\w+ )?by|reduction of)\s*$/i;
const TARGET_BEFORE =
  /\b(?:under|below|less than|to|at most|max(?:imum)?(?: of)?|no more than|cap(?:ped)? at|down to|within)\s*$/i;

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const PERIODS: Record<string, AmountPeriod> = {
  month: 'month',
  mo: 'month',
  monthly: 'month',
  year: 'year',
  yr: 'year',
  annum: 'year',
  annually: 'year',
  yearly: 'year',
  annual: 'year',
  week: 'week',
  wk: 'week',
  weekly: 'week',
  day: 'day',
  daily: 'day',
};

function valueOf(whole: string, fraction: string | undefined, scale: string | undefined): number {
  const base = Number(`${whole.replace(/,/g, '')}.${fraction ?? '0'}`);
  return base * (scale === undefined ? 1 : (SCALES[scale.toLowerCase()] ?? 1));
}

function periodOf(word: string | undefined): AmountPeriod | null {
  return word === undefined ? null : (PERIODS[word.toLowerCase().replace(/^(per|a) /, '')] ?? null);
}

function readAmount(text: string, match: RegExpExecArray): Amount | null {
  const usd = valueOf(match[1] ?? '0', match[2], match[3]);
  if (!Number.isFinite(usd) || usd <= 0) {
    return null;
  }
  const end = match.index + match[0].length;
  const after = PERIOD_AFTER.exec(text.slice(end, end + 60));
  const before = text.slice(Math.max(0, match.index - 40), match.index);
  const period = periodOf(after?.[1] ?? after?.[2]) ?? periodOf(PERIOD_BEFORE.exec(before)?.[1]);
  const mention = `${match[0]}${after?.[0] ?? ''}`.trim();
  const role = SAVINGS_BEFORE.test(before) ? 'savings' : TARGET_BEFORE.test(before) ? 'target' : 'stated';
  const rest = text.slice(match.index + match[0].length + (after?.[0].length ?? 0));
  const scoped = /^\s*(?:on|for)\s+\S/i.test(rest) || /^\s*(?:on|for)\s/i.test(after?.[0] ?? '');
  return { mention, usd, period, role, scoped, index: match.index };
}

/** Every dollar amount of the text, in order of appearance; overlapping readings keep the first. */
export function extractAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  const taken: [number, number][] = [];
  for (const pattern of AMOUNT_PATTERNS) {
    for (const match of [...text.matchAll(pattern)].slice(0, MAX_AMOUNTS)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([from, to]) => start < to && end > from)) {
        continue;
      }
      const amount = readAmount(text, match);
      if (amount !== null) {
        found.push(amount);
        taken.push([start, end]);
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const PER_MONTH: Record<AmountPeriod, number> = {
  day: DAYS_PER_MONTH,
  week: DAYS_PER_MONTH / 7,
  month: 1,
  year: 1 / 12,
};

/** The amount per month; null when the text gave it no period (a one-off or unknown span). */
export function monthlyUsd(amount: Pick<Amount, 'usd' | 'period'>): number | null {
  return amount.period === null ? null : Math.round(amount.usd * PER_MONTH[amount.period] * 100) / 100;
}
