/**
 * Unit tests of the savings waterfall: bars run from the baseline through each saving to the plan
 * cost, the overlap the plan counts once gets its own bar, and every bar's range is well formed.
 */
import { describe, expect, it } from 'vitest';
import { analysisReportFixture, opportunityFixture } from './fixtures/analysis-report';
import { buildWaterfall, planOpportunities, waterfallHeight } from './waterfall';

const caching = opportunityFixture({ id: 'cache', title: 'Prompt caching', monthly_savings_usd: 120 });
const batch = opportunityFixture({ id: 'batch', title: 'Batch API', monthly_savings_usd: 200 });
const rightsizing = opportunityFixture({
  id: 'rightsize',
  title: 'Smaller model',
  monthly_savings_usd: 50,
  confidence: 'medium',
  requires_evaluation: true,
});

describe('buildWaterfall', () => {
  it('goes from the baseline through each saving, largest first, to the plan cost', () => {
    const report = analysisReportFixture({
      opportunities: [caching, batch],
      planSavings: 320,
      provenIds: ['cache', 'batch'],
      provenSavings: 320,
    });
    const steps = buildWaterfall(report);
    expect(steps.map((item) => [item.kind, item.label, item.delta, item.from, item.to])).toEqual([
      ['baseline', 'Baseline', 1_000, 0, 1_000],
      ['saving', 'Batch API', -200, 1_000, 800],
      ['saving', 'Prompt caching', -120, 800, 680],
      ['plan', 'With the plan', 680, 0, 680],
    ]);
    expect(steps[1]?.range).toEqual([800, 1_000]);
    expect(steps.filter((item) => item.proven).map((item) => item.id)).toEqual(['batch', 'cache']);
  });

  it('adds the overlap the combined plan counts once, so the bars end on the plan cost', () => {
    const report = analysisReportFixture({ opportunities: [caching, batch, rightsizing], planSavings: 330 });
    const steps = buildWaterfall(report);
    const overlap = steps.find((item) => item.kind === 'overlap');
    expect(overlap).toMatchObject({ label: 'Overlap counted once', from: 630, to: 670, range: [630, 670] });
    expect(overlap?.delta).toBeCloseTo(40, 10);
    expect(steps.at(-1)).toMatchObject({ kind: 'plan', to: 670 });
  });

  it('shows a combined effect when the plan saves more than its parts', () => {
    const steps = buildWaterfall(analysisReportFixture({ opportunities: [caching], planSavings: 150 }));
    expect(steps.find((item) => item.kind === 'overlap')).toMatchObject({
      label: 'Combined effect',
      delta: -30,
    });
  });

  it('leaves out rounding residue below half a cent', () => {
    const steps = buildWaterfall(
      analysisReportFixture({ opportunities: [caching, batch], planSavings: 319.999 }),
    );
    expect(steps.map((item) => item.kind)).toEqual(['baseline', 'saving', 'saving', 'plan']);
  });

  it('only draws the plan’s opportunities and ignores ids it does not know', () => {
    const report = analysisReportFixture({
      opportunities: [caching, batch],
      planSavings: 120,
      planIds: ['cache', 'unknown'],
    });
    expect(planOpportunities(report).map((item) => item.id)).toEqual(['cache']);
    expect(buildWaterfall(report).map((item) => item.id)).toEqual(['baseline', 'cache', 'plan']);
  });

  it('is baseline and plan alone when nothing is proposed', () => {
    const steps = buildWaterfall(analysisReportFixture({ opportunities: [], planSavings: 0 }));
    expect(steps.map((item) => [item.id, item.to])).toEqual([
      ['baseline', 1_000],
      ['plan', 1_000],
    ]);
  });
});

describe('waterfallHeight', () => {
  it('grows with the bars so the chart’s space is reserved before it draws', () => {
    expect(waterfallHeight(2)).toBe(128);
    expect(waterfallHeight(5)).toBe(260);
  });
});
