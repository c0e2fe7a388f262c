/**
 * From a budget's daily series to the alerts it calls for at an instant: threshold alerts of the
 * month (crossed or forecast) and anomalies of the recent days. Pure, so it is tested without stores.
 * @module
 */
import type { DailySliceSpend } from '#modules/usage/usage-scope-spend.js';
import { anomalyWindow, findAnomalies, type AnomalyLimits, DEFAULT_ANOMALY_LIMITS } from './anomaly.js';
import type { NewAlert } from './budgets.repository.js';
import type { BudgetRow } from './budgets.tables.js';
import { dayStart, FORECAST_WINDOW_DAYS, monthFigures, monthStart, thresholdFindings } from './forecast.js';

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** The daily series a budget's evaluation at `now` reads: the month so far, the forecast week, the anomaly baselines. */
export function seriesWindow(now: Date): { from: Date; to: Date } {
  const starts = [monthStart(now), dayStart(now, -FORECAST_WINDOW_DAYS), anomalyWindow(now).from];
  return { from: new Date(Math.min(...starts.map((start) => start.getTime()))), to: dayStart(now, 1) };
}

function thresholdAlerts(budget: BudgetRow, series: readonly DailySliceSpend[], now: Date): NewAlert[] {
  const figures = monthFigures(series, now);
  return thresholdFindings(figures, budget.amountUsd, budget.thresholds).map((finding) => ({
    orgId: budget.orgId,
    budgetId: budget.id,
    kind: finding.kind,
    thresholdPct: finding.thresholdPct,
    period: figures.month,
    details: {
      amount_usd: budget.amountUsd,
      spend_usd: round(figures.spendUsd),
      forecast_usd: round(figures.forecastUsd),
      daily_rate_usd: round(figures.dailyRateUsd),
      threshold_usd: round((budget.amountUsd * finding.thresholdPct) / 100),
      evaluated_at: now.toISOString(),
    },
  }));
}

function anomalyAlerts(
  budget: BudgetRow,
  series: readonly DailySliceSpend[],
  now: Date,
  limits: AnomalyLimits,
): NewAlert[] {
  return findAnomalies(series, now, limits).map((finding) => ({
    orgId: budget.orgId,
    budgetId: budget.id,
    kind: finding.kind,
    thresholdPct: 0,
    period: finding.day,
    details: {
      observed: round(finding.observed),
      median: round(finding.median),
      mad: round(finding.mad),
      robust_z: finding.robustZ === null ? null : round(finding.robustZ),
      method: 'modified z-score over the previous 14 days (median, MAD) > 3.5 and a minimum change',
      evaluated_at: now.toISOString(),
    },
  }));
}

/** Every alert the budget calls for at `now`, fired before or not (the store keeps each once). */
export function budgetAlerts(
  budget: BudgetRow,
  series: readonly DailySliceSpend[],
  now: Date,
  limits: AnomalyLimits = DEFAULT_ANOMALY_LIMITS,
): NewAlert[] {
  return [...thresholdAlerts(budget, series, now), ...anomalyAlerts(budget, series, now, limits)];
}
