/** Unit tests of the Overview's figures: the summary's when given, else the analysis plan's. */
import type { ReportSummary } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { analysisReportFixture, opportunityFixture } from './fixtures/analysis-report';
import { overviewFigures } from './overview';

const report = analysisReportFixture({
  opportunities: [opportunityFixture({ id: 'a', monthly_savings_usd: 300 })],
  planSavings: 300,
  provenIds: ['a'],
  provenSavings: 120,
});

describe('overviewFigures', () => {
  it('takes proven and potential from the plan when there is no summary', () => {
    const figures = overviewFigures(report);
    expect(figures).toMatchObject({
      baselineMonthlyUsd: 1_000,
      proven: { monthlyUsd: 120, pct: 12 },
      potential: { monthlyUsd: 300, pct: 30 },
      planMonthlyCostUsd: 700,
      roi: null,
      paybackDays: null,
    });
    expect(figures.headline).toBe(
      '$120.00/month proven (12.0% of $1,000.00/month), up to $300.00/month (30.0%) with evaluation.',
    );
  });

  it('says so when nothing stands out', () => {
    const empty = analysisReportFixture({ opportunities: [], planSavings: 0 });
    expect(overviewFigures(empty).headline).toBe(
      'No savings opportunity stands out in the analyzed usage (baseline $1,000.00/month).',
    );
  });

  it('uses the run report’s summary as it is', () => {
    const summary: ReportSummary = {
      headline: 'Stated headline',
      baseline_monthly_usd: 2_000,
      baseline_source: 'stated',
      proven_monthly_savings_usd: 100,
      proven_savings_pct: 5,
      potential_monthly_savings_usd: 400,
      potential_savings_pct: 20,
      roi: 3.5,
      payback_days: 40,
    };
    expect(overviewFigures(report, summary)).toEqual({
      headline: 'Stated headline',
      baselineMonthlyUsd: 2_000,
      proven: { monthlyUsd: 100, pct: 5 },
      potential: { monthlyUsd: 400, pct: 20 },
      planMonthlyCostUsd: 1_600,
      roi: 3.5,
      paybackDays: 40,
    });
  });
});
