/**
 * A budget's month so far against its limit, and where the month-end forecast lands: the bar's
 * widths and the tone that says whether the budget holds.
 * @module
 */
import type { Alert, Budget } from '@netra/shared/contracts';

export type BudgetTone = 'ok' | 'warn' | 'bad';

export interface BudgetProgress {
  /** Spend so far as a percentage of the limit (not capped). */
  spentPct: number;
  /** The month-end forecast as a percentage of the limit (not capped). */
  forecastPct: number;
  /** `bad` when the month is already over the limit, `warn` when the forecast is, `ok` otherwise. */
  tone: BudgetTone;
}

export function budgetProgress(budget: Budget): BudgetProgress {
  const { spend_usd: spent, forecast_usd: forecast } = budget.current;
  const spentPct = (spent / budget.amount_usd) * 100;
  const forecastPct = (forecast / budget.amount_usd) * 100;
  const tone: BudgetTone = spentPct >= 100 ? 'bad' : forecastPct >= 100 ? 'warn' : 'ok';
  return { spentPct, forecastPct, tone };
}

/** A bar width in percent of the track, which shows up to 100%. */
export function barWidth(pct: number): number {
  return Math.max(0, Math.min(100, pct));
}

/** What a budget covers, in words. */
export function budgetScopeLabel(budget: Budget): string {
  const { kind, value } = budget.scope;
  if (kind === 'org') {
    return 'Whole organization';
  }
  const names: Record<Exclude<Budget['scope']['kind'], 'org'>, string> = {
    feature: 'Feature',
    model: 'Model',
    provider: 'Provider',
    user_id: 'User',
    tag: 'Tag',
  };
  return `${names[kind]}: ${value}`;
}

const ALERT_KIND_LABELS: Readonly<Record<Alert['kind'], string>> = {
  threshold_crossed: 'Threshold crossed',
  threshold_forecast: 'Forecast to cross',
  spend_anomaly: 'Spend anomaly',
  error_rate_anomaly: 'Error-rate anomaly',
};

/** One line for a fired alert ("Threshold crossed: 80% of Team budget, 2026-12"). */
export function describeAlert(alert: Alert, budgets: readonly Budget[]): string {
  const budget = budgets.find((candidate) => candidate.id === alert.budget_id);
  const budgetName = budget?.name ?? 'a deleted budget';
  const threshold = alert.threshold_pct === null ? '' : ` ${alert.threshold_pct}% of`;
  return `${ALERT_KIND_LABELS[alert.kind]}:${threshold} ${budgetName}, ${alert.period}`;
}

export function alertTone(alert: Alert): BudgetTone {
  return alert.kind === 'threshold_crossed' && (alert.threshold_pct ?? 0) >= 100 ? 'bad' : 'warn';
}
