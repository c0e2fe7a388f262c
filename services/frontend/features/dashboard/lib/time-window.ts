/**
 * The analytics window of a date range: the backend reads windows as half-open `[from, to)` on whole
 * UTC hours, so a preset ends at the next whole hour (the backend's own default) and custom dates run
 * from the first day's midnight UTC to the midnight after the last day.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';
import type { BucketChoice, DateRange, RangePreset } from './url-state';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The backend refuses a chart of more buckets than this (analytics README). */
export const MAX_BUCKETS = 1_000;

const PRESET_MS: Readonly<Record<RangePreset, number>> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '14d': 14 * DAY_MS,
  '30d': 30 * DAY_MS,
};

export const PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '14d': 'Last 14 days',
  '30d': 'Last 30 days',
};

export interface DashboardWindow {
  /** ISO-8601, on a whole UTC hour. */
  from: string;
  to: string;
}

/** The window of a range; `now` is injectable so tests (and the hour's cache key) are stable. */
export function resolveWindow(range: DateRange, now: number): DashboardWindow {
  if (range.kind === 'custom') {
    const from = Date.parse(`${range.from}T00:00:00Z`);
    const to = Date.parse(`${range.to}T00:00:00Z`) + DAY_MS;
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }
  const to = Math.ceil(now / HOUR_MS) * HOUR_MS;
  return { from: new Date(to - PRESET_MS[range.preset]).toISOString(), to: new Date(to).toISOString() };
}

export function windowMs(window: DashboardWindow): number {
  return Date.parse(window.to) - Date.parse(window.from);
}

const BUCKET_MS: Readonly<Record<AnalyticsBucket, number>> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
};

/**
 * The bucket to ask for: `auto` is hourly up to two days and daily up to 90; an explicit choice is
 * kept unless the window would need more buckets than the backend draws, then the next wider one.
 */
export function effectiveBucket(choice: BucketChoice, window: DashboardWindow): AnalyticsBucket {
  const span = windowMs(window);
  if (choice === 'auto') {
    if (span <= 2 * DAY_MS) {
      return 'hour';
    }
    return span <= 90 * DAY_MS ? 'day' : 'week';
  }
  if (choice === 'hour' && span / BUCKET_MS.hour > MAX_BUCKETS) {
    return span / BUCKET_MS.day > MAX_BUCKETS ? 'week' : 'day';
  }
  if (choice === 'day' && span / BUCKET_MS.day > MAX_BUCKETS) {
    return 'week';
  }
  return choice;
}

/** A short description of the range for headings ("Last 14 days", "1 Nov 2026 – 30 Nov 2026"). */
export function describeRange(range: DateRange): string {
  if (range.kind === 'preset') {
    return PRESET_LABELS[range.preset];
  }
  const format = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return range.from === range.to ? format(range.from) : `${format(range.from)} – ${format(range.to)}`;
}

/** The custom range that covers the same days as a window (to seed the custom date inputs). */
export function customRangeOf(window: DashboardWindow): { from: string; to: string } {
  const lastDay = new Date(Date.parse(window.to) - 1).toISOString().slice(0, 10);
  return { from: window.from.slice(0, 10), to: lastDay };
}

/** What the previous period of equal length is called ("the previous 14 days"). */
export function previousPeriodLabel(window: DashboardWindow): string {
  const hours = Math.round(windowMs(window) / HOUR_MS);
  if (hours % 24 !== 0) {
    return `the previous ${hours} hours`;
  }
  const days = hours / 24;
  return days === 1 ? 'the previous 24 hours' : `the previous ${days} days`;
}
