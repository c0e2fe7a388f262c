/**
 * The period a message asks about, relative to when the run started (`now`, UTC): "last 30 days",
 * "past week", "yesterday", "this month", "last month", "in March", "March 2026". Readings:
 * "last/past N days|weeks|hours" and "last/past week|24 hours" are rolling windows ending now;
 * "last month|quarter|year" are the previous calendar ones; "this week|month|year" and "today" run from
 * their start to now; a month name is the latest such month that has begun (or the year written),
 * "since <month>" runs from it to now.
 * Windows are half-open `[from, to)`.
 * @module
 */

export interface TimeRange {
  mention: string;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

const ROLLING = /\b(?:last|past|previous|prior)\s+(\d{1,4})\s+(hours?|days?|weeks?|months?)\b/i;
const NAMED = /\b(?:the\s+)?(?:last|past|previous|prior)\s+(24\s+hours|day|week|month|quarter|year)\b/i;
const CURRENT = /\b(this|current)\s+(week|month|quarter|year)\b|\b(today|yesterday)\b/i;
const MONTH_NAME = new RegExp(
  String.raw`\b(?:(in|during|for|over|of|since|from)\s+)?(${MONTHS.join('|')})(?:\s+(\d{4}))?\b`,
  'gi',
);

const UNIT_MS: Record<string, number> = {
  hour: 3_600_000,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
};

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

function rolling(match: RegExpExecArray, now: Date): TimeRange | null {
  const count = Number(match[1]);
  const unit = (match[2] ?? 'day').toLowerCase().replace(/s$/, '');
  const span = count * (UNIT_MS[unit] ?? DAY_MS);
  return count > 0 ? { mention: match[0], from: new Date(now.getTime() - span), to: now } : null;
}

function named(match: RegExpExecArray, now: Date): TimeRange {
  const unit = (match[1] ?? 'week').toLowerCase().replace(/\s+/g, ' ');
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const span = (from: Date, to: Date) => ({ mention: match[0], from, to });
  switch (unit) {
    case 'month':
      return span(monthStart(year, month - 1), monthStart(year, month));
    case 'quarter': {
      const quarter = Math.floor(month / 3) * 3;
      return span(monthStart(year, quarter - 3), monthStart(year, quarter));
    }
    case 'year':
      return span(monthStart(year - 1, 0), monthStart(year, 0));
    case 'day':
      return span(new Date(startOfDay(now).getTime() - DAY_MS), startOfDay(now));
    case '24 hours':
      return span(new Date(now.getTime() - DAY_MS), now);
    default:
      return span(new Date(now.getTime() - 7 * DAY_MS), now);
  }
}

function currentStart(unit: string, now: Date): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  switch (unit) {
    case 'week':
      return new Date(startOfDay(now).getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS);
    case 'month':
      return monthStart(year, month);
    case 'quarter':
      return monthStart(year, Math.floor(month / 3) * 3);
    case 'year':
      return monthStart(year, 0);
    default:
      return startOfDay(now);
  }
}

function current(match: RegExpExecArray, now: Date): TimeRange {
  const word = (match[2] ?? match[3] ?? 'today').toLowerCase();
  if (word === 'yesterday') {
    const today = startOfDay(now);
    return { mention: match[0], from: new Date(today.getTime() - DAY_MS), to: today };
  }
  return { mention: match[0], from: currentStart(word, now), to: now };
}

/** "may" is also a verb: only a capitalized May, or one after a preposition, names the month. */
function monthName(text: string, now: Date): TimeRange | null {
  for (const match of text.matchAll(MONTH_NAME)) {
    const word = match[2] ?? '';
    const preposition = match[1];
    if (preposition === undefined && match[3] === undefined) {
      continue;
    }
    if (word.toLowerCase() === 'may' && word !== 'May') {
      continue;
    }
    const month = MONTHS.indexOf(word.toLowerCase() as (typeof MONTHS)[number]);
    const written = match[3] === undefined ? undefined : Number(match[3]);
    const thisYear = now.getUTCFullYear();
    const year = written ?? (monthStart(thisYear, month) <= now ? thisYear : thisYear - 1);
    const mention = match[0].replace(/^(?:in|during|for|over|of|from)\s+/i, '');
    // "since March" runs up to now; "in March" is the month.
    const to = preposition?.toLowerCase() === 'since' ? now : monthStart(year, month + 1);
    return { mention, from: monthStart(year, month), to };
  }
  return null;
}

/** The first period the text names, or null. */
export function extractTimeRange(text: string, now: Date): TimeRange | null {
  const roll = ROLLING.exec(text);
  if (roll !== null) {
    return rolling(roll, now);
  }
  const last = NAMED.exec(text);
  if (last !== null) {
    return named(last, now);
  }
  const present = CURRENT.exec(text);
  return present !== null ? current(present, now) : monthName(text, now);
}
