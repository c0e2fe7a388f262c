/**
 * A budget's month: spend so far and a forecast of the month's end, from the daily series.
 *
 * Forecast = spend so far + (average daily spend of the last 7 complete UTC days) × (days left in
 * the month, counted to the millisecond from now). The last week rather than the whole month, so a
 * change of pace shows within days; whole days, so a quiet night never drags the rate down; the
 * week may reach into last month, which gives a usable rate on the first days of a month too.
 * @module
 */
import type { DailySliceSpend } from '#modules/usage/usage-scope-spend.js';

const DAY_MS = 86_400_000;
export const FORECAST_WINDOW_DAYS = 7;

/** UTC day `YYYY-MM-DD` of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `YYYY-MM` of an instant (UTC), the period of a monthly budget. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** Midnight UTC of the day `offset` days from the day of `at`. */
export function dayStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + offset));
}

export interface MonthFigures {
  month: string;
  spendUsd: number;
  /** Average daily spend of the last 7 complete days. */
  dailyRateUsd: number;
  forecastUsd: number;
}

/** The daily series `monthFigures` needs at `now`: the month so far and the week before today. */
export function monthWindow(now: Date): { from: Date; to: Date } {
  const from = Math.min(monthStart(now).getTime(), dayStart(now, -FORECAST_WINDOW_DAYS).getTime());
  return { from: new Date(from), to: dayStart(now, 1) };
}

/** Spend of the month of `now` so far and its forecast, from a daily series covering both. */
export function monthFigures(series: readonly DailySliceSpend[], now: Date): MonthFigures {
  const firstDay = dayOf(monthStart(now));
  const today = dayOf(now);
  const weekStart = dayOf(dayStart(now, -FORECAST_WINDOW_DAYS));
  let spendUsd = 0;
  let weekUsd = 0;
  for (const { day, cost_usd: cost } of series) {
    if (day >= firstDay && day <= today) {
      spendUsd += cost;
    }
    if (day >= weekStart && day < today) {
      weekUsd += cost;
    }
  }
  const dailyRateUsd = weekUsd / FORECAST_WINDOW_DAYS;
  const daysLeft = (nextMonthStart(now).getTime() - now.getTime()) / DAY_MS;
  return { month: monthOf(now), spendUsd, dailyRateUsd, forecastUsd: spendUsd + dailyRateUsd * daysLeft };
}

/** One threshold alert a budget's figures call for. */
export interface ThresholdFinding {
  kind: 'threshold_crossed' | 'threshold_forecast';
  thresholdPct: number;
}

/**
 * Crossed: spend so far reached the threshold. Forecast: not yet, but the forecast reaches it. A
 * threshold already crossed is never also reported as forecast.
 */
export function thresholdFindings(
  figures: MonthFigures,
  amountUsd: number,
  thresholds: readonly number[],
): ThresholdFinding[] {
  const findings: ThresholdFinding[] = [];
  for (const thresholdPct of thresholds) {
    const limit = (amountUsd * thresholdPct) / 100;
    if (figures.spendUsd >= limit) {
      findings.push({ kind: 'threshold_crossed', thresholdPct });
    } else if (figures.forecastUsd >= limit) {
      findings.push({ kind: 'threshold_forecast', thresholdPct });
    }
  }
  return findings;
}
