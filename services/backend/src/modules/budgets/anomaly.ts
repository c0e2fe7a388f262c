/**
 * Anomalies in a slice's daily series: a day whose spend or error rate sits far above the slice's
 * recent range.
 *
 * Method: for each checked day, the previous 14 days are its baseline; the day is anomalous when its
 * modified z-score 0.6745 × (x − median) / MAD exceeds 3.5 (Iglewicz and Hoaglin) AND it exceeds the
 * median by a minimum absolute change. Median and MAD rather than mean and standard deviation
 * because they are robust: an earlier spike in the baseline barely moves them, where it would
 * inflate a standard deviation and hide the next spike; spend is skewed and bursty, not normal.
 * The minimum change keeps tiny absolute moves on a very flat series (MAD near 0) from alerting.
 * Only rises are alerted: a drop in spend is not a cost risk, and the day in progress is partial,
 * so it would always look low. Days without enough baseline (fewer than 7 days with usage) are
 * not judged.
 * @module
 */
import type { DailySliceSpend } from '#modules/usage/usage-scope-spend.js';
import { dayStart } from './forecast.js';

export const BASELINE_DAYS = 14;
/** Days judged on each evaluation, today included: an outage of the worker or a new budget still catches a recent spike. */
export const CHECKED_DAYS = 14;
const MIN_BASELINE_DAYS = 7;
const Z_LIMIT = 3.5;
const MAD_SCALE = 0.6745;

/** Thresholds of the screen; the defaults suit a budget in dollars per day. */
export interface AnomalyLimits {
  /** Dollars above the median a day's spend must also exceed. */
  minSpendChangeUsd: number;
  /** Error-rate points (0–1) above the median a day must also exceed. */
  minErrorRateChange: number;
  /** Requests a day needs before its error rate means anything. */
  minRequestsForErrorRate: number;
}

export const DEFAULT_ANOMALY_LIMITS: AnomalyLimits = {
  minSpendChangeUsd: 1,
  minErrorRateChange: 0.05,
  minRequestsForErrorRate: 20,
};

export interface AnomalyFinding {
  kind: 'spend_anomaly' | 'error_rate_anomaly';
  day: string;
  observed: number;
  median: number;
  mad: number;
  /** Null when MAD is 0: the day is judged by the minimum change alone. */
  robustZ: number | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) {
    return 0;
  }
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Whether `observed` is a rise far outside `baseline`; the figures either way. */
export function judge(observed: number, baseline: readonly number[], minChange: number) {
  const center = median(baseline);
  const mad = median(baseline.map((value) => Math.abs(value - center)));
  const robustZ = mad === 0 ? null : (MAD_SCALE * (observed - center)) / mad;
  const farOut = robustZ === null ? observed > center : robustZ > Z_LIMIT;
  return { anomalous: farOut && observed - center >= minChange, median: center, mad, robustZ };
}

interface DayFigures {
  day: string;
  cost: number;
  requests: number;
  errorRate: number | null;
}

/** Every day from `first` to `last`, days without usage as zeros. */
function denseDays(series: readonly DailySliceSpend[], first: Date, last: Date): DayFigures[] {
  const byDay = new Map(series.map((row) => [row.day, row]));
  const days: DayFigures[] = [];
  for (let at = first; at <= last; at = dayStart(at, 1)) {
    const day = at.toISOString().slice(0, 10);
    const row = byDay.get(day);
    const requests = row?.requests ?? 0;
    const errorRate = requests === 0 ? null : (row?.error_requests ?? 0) / requests;
    days.push({ day, cost: row?.cost_usd ?? 0, requests, errorRate });
  }
  return days;
}

function spendFinding(day: DayFigures, baseline: readonly DayFigures[], limits: AnomalyLimits) {
  const verdict = judge(
    day.cost,
    baseline.map((past) => past.cost),
    limits.minSpendChangeUsd,
  );
  return verdict.anomalous
    ? { kind: 'spend_anomaly' as const, day: day.day, observed: day.cost, ...verdict }
    : undefined;
}

function errorRateFinding(day: DayFigures, baseline: readonly DayFigures[], limits: AnomalyLimits) {
  const rates = baseline.flatMap((past) => (past.errorRate === null ? [] : [past.errorRate]));
  if (
    day.errorRate === null ||
    day.requests < limits.minRequestsForErrorRate ||
    rates.length < MIN_BASELINE_DAYS
  ) {
    return undefined;
  }
  const verdict = judge(day.errorRate, rates, limits.minErrorRateChange);
  return verdict.anomalous
    ? { kind: 'error_rate_anomaly' as const, day: day.day, observed: day.errorRate, ...verdict }
    : undefined;
}

/** The anomalies among the last `CHECKED_DAYS` days up to the day of `now`, each against its own 14 days before. */
export function findAnomalies(
  series: readonly DailySliceSpend[],
  now: Date,
  limits: AnomalyLimits = DEFAULT_ANOMALY_LIMITS,
): AnomalyFinding[] {
  const days = denseDays(series, dayStart(now, -(CHECKED_DAYS - 1 + BASELINE_DAYS)), dayStart(now));
  const findings: AnomalyFinding[] = [];
  for (let index = BASELINE_DAYS; index < days.length; index += 1) {
    const day = days[index];
    const baseline = days.slice(index - BASELINE_DAYS, index);
    if (day === undefined || baseline.filter((past) => past.requests > 0).length < MIN_BASELINE_DAYS) {
      continue;
    }
    const spend = spendFinding(day, baseline, limits);
    const errors = errorRateFinding(day, baseline, limits);
    findings.push(...(spend === undefined ? [] : [spend]), ...(errors === undefined ? [] : [errors]));
  }
  return findings;
}

/** The window of the daily series the screen needs. */
export function anomalyWindow(now: Date): { from: Date; to: Date } {
  return { from: dayStart(now, -(CHECKED_DAYS - 1 + BASELINE_DAYS)), to: dayStart(now, 1) };
}
