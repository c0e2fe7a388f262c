import { describe, expect, it } from 'vitest';
import type { DailySliceSpend } from '#modules/usage/usage-scope-spend.js';
import { monthFigures, thresholdFindings } from './forecast.js';

const day = (date: string, cost: number): DailySliceSpend => ({
  day: date,
  cost_usd: cost,
  requests: 1,
  error_requests: 0,
});

describe('month figures', () => {
  it('adds the month so far and forecasts at the last seven complete days’ pace', () => {
    const series = [
      day('2026-03-31', 100),
      day('2026-04-01', 7),
      day('2026-04-02', 14),
      day('2026-04-03', 3),
    ];
    const figures = monthFigures(series, new Date('2026-04-03T06:00:00Z'));
    // March 31 counts toward the pace (the week reaches back), not toward April's spend.
    expect(figures.spendUsd).toBe(24);
    expect(figures.dailyRateUsd).toBeCloseTo(121 / 7, 12);
    expect(figures.forecastUsd).toBeCloseTo(24 + (121 / 7) * 27.75, 9);
    expect(figures.month).toBe('2026-04');
  });

  it('forecasts the spend so far when nothing was spent in the last week', () => {
    const figures = monthFigures([day('2026-04-01', 5)], new Date('2026-04-30T23:00:00Z'));
    expect(figures).toMatchObject({ spendUsd: 5, dailyRateUsd: 0, forecastUsd: 5 });
  });
});

describe('threshold findings', () => {
  const figures = { month: '2026-04', spendUsd: 85, dailyRateUsd: 5, forecastUsd: 150 };

  it('reports crossed thresholds as crossed and the others the forecast reaches as forecast', () => {
    expect(thresholdFindings(figures, 100, [50, 80, 100, 200])).toEqual([
      { kind: 'threshold_crossed', thresholdPct: 50 },
      { kind: 'threshold_crossed', thresholdPct: 80 },
      { kind: 'threshold_forecast', thresholdPct: 100 },
    ]);
  });

  it('counts reaching a threshold exactly as crossing it', () => {
    expect(thresholdFindings({ ...figures, forecastUsd: 85 }, 85, [100])).toEqual([
      { kind: 'threshold_crossed', thresholdPct: 100 },
    ]);
  });
});
