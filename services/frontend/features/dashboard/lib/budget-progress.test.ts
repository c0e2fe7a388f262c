import type { Alert, Budget } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { barWidth, budgetProgress, budgetScopeLabel, describeAlert } from './budget-progress';

function budget(
  spend: number,
  forecast: number,
  scope: Budget['scope'] = { kind: 'org', value: '' },
): Budget {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Monthly',
    amount_usd: 1000,
    scope,
    thresholds: [50, 80, 100],
    current: { month: '2026-12', spend_usd: spend, daily_rate_usd: 10, forecast_usd: forecast },
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
  };
}

describe('budget progress', () => {
  it('is ok while the forecast stays under the limit', () => {
    expect(budgetProgress(budget(200, 800))).toEqual({ spentPct: 20, forecastPct: 80, tone: 'ok' });
  });

  it('warns when the forecast passes the limit and is bad once spend has', () => {
    expect(budgetProgress(budget(500, 1200)).tone).toBe('warn');
    expect(budgetProgress(budget(1100, 1500)).tone).toBe('bad');
  });

  it('caps bar widths to the track', () => {
    expect(barWidth(150)).toBe(100);
    expect(barWidth(-1)).toBe(0);
    expect(barWidth(42.5)).toBe(42.5);
  });

  it('names the scope', () => {
    expect(budgetScopeLabel(budget(0, 0))).toBe('Whole organization');
    expect(budgetScopeLabel(budget(0, 0, { kind: 'feature', value: 'search' }))).toBe('Feature: search');
  });

  it('describes an alert with its budget', () => {
    const alert: Alert = {
      id: '22222222-2222-4222-8222-222222222222',
      budget_id: budget(0, 0).id,
      kind: 'threshold_crossed',
      threshold_pct: 80,
      period: '2026-12',
      details: {},
      fired_at: '2026-12-03T10:00:00Z',
    };
    expect(describeAlert(alert, [budget(0, 0)])).toBe('Threshold crossed: 80% of Monthly, 2026-12');
    expect(describeAlert({ ...alert, kind: 'spend_anomaly', threshold_pct: null }, [])).toBe(
      'Spend anomaly: a deleted budget, 2026-12',
    );
  });
});
