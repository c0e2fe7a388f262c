import { describe, expect, it } from 'vitest';
import { emptyAnalysis, sampleAnalysis } from '#test-support/agents/engine-report-fixtures.js';
import { baselineOf, effortCostUsd, headlineOf, roiAndPayback, summarize } from './report-summary.js';

const step = (effort: 'low' | 'medium' | 'high', opportunity_id: string | null = 'x') => ({
  order: 1,
  opportunity_id,
  title: 't',
  owner_role: 'o',
  effort,
  phases: [],
  validation: [],
  rollback_triggers: [],
  artifacts: [],
});

describe('report summary', () => {
  it('costs the change steps of the plan by effort, not the tracking step', () => {
    expect(effortCostUsd({ steps: [step('low'), step('medium'), step('high'), step('low', null)] })).toBe(
      21_000,
    );
    expect(effortCostUsd(null)).toBe(0);
  });

  it('defines ROI and payback against the proven savings, null with nothing to compare', () => {
    expect(roiAndPayback(1_000, 6_000)).toEqual({ roi: 2, payback_days: 180 });
    expect(roiAndPayback(0, 6_000)).toEqual({ roi: 0, payback_days: null });
    expect(roiAndPayback(1_000, 0)).toEqual({ roi: null, payback_days: null });
  });

  it('takes the measured baseline first, then the stated one, else none', () => {
    expect(baselineOf(sampleAnalysis(), 5_000)).toEqual({
      baseline_monthly_usd: 10_000,
      baseline_source: 'data',
    });
    expect(baselineOf(emptyAnalysis(), 5_000)).toEqual({
      baseline_monthly_usd: 5_000,
      baseline_source: 'stated',
    });
    expect(baselineOf(emptyAnalysis(), null)).toEqual({ baseline_monthly_usd: 0, baseline_source: 'none' });
  });

  it('says when the work takes more than a year to pay back instead of a day count', () => {
    const summary = summarize({
      tier: 'full',
      analysis: sampleAnalysis(),
      actionPlan: null,
      statedMonthly: null,
    });
    expect(headlineOf('full', { ...summary, payback_days: 52_669 })).toMatch(/more than a year/);
    expect(headlineOf('full', { ...summary, payback_days: 30.2 })).toMatch(/pays back in 31 days/);
  });

  it('says so when nothing stands out', () => {
    const summary = summarize({
      tier: 'partial',
      analysis: emptyAnalysis(),
      actionPlan: null,
      statedMonthly: null,
    });
    expect(summary.headline).toMatch(/No savings opportunity stands out/);
  });
});
