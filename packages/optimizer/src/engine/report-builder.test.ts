import { describe, expect, it } from 'vitest';
import { candidate, eliminate, profile, segment } from './engine-fixtures.js';
import { buildReport } from './report-builder.js';
import { materialCandidates } from './select.js';
import { assessDataQuality } from './sufficiency.js';

const always = () => true;

describe('buildReport', () => {
  const observed = profile({
    segments: [
      segment({ cost_usd: 80 }),
      segment({ feature: 'search', model: 'gpt-4o-mini', priced_model: 'gpt-4o-mini', cost_usd: 20 }),
    ],
  });
  const small = candidate('error_waste', always, eliminate);
  const large = candidate('batch_api', always, eliminate, {
    feature: 'search',
    provider: 'openai',
    model: 'gpt-4o-mini',
  });

  it('scales the 10-day period to 30 days and ranks opportunities by monthly dollars', () => {
    const report = buildReport({
      profile: observed,
      quality: assessDataQuality(observed),
      chosen: [small, large],
      savings: new Map([
        [small.id, 1],
        [large.id, 5],
      ]),
      plan: 5.5,
      proven: 0,
      generatedAt: new Date('2025-07-01T00:00:00Z'),
    });
    expect(report.baseline).toMatchObject({ total_cost_usd: 100, monthly_cost_usd: 300 });
    expect(report.baseline.by_feature.map((slice) => [slice.key, slice.share_of_cost])).toEqual([
      ['support', 0.8],
      ['search', 0.2],
    ]);
    expect(report.opportunities.map((item) => [item.id, item.monthly_savings_usd])).toEqual([
      [large.id, 15],
      [small.id, 3],
    ]);
    expect(report.opportunities[0]?.savings_pct_of_baseline).toBeCloseTo(5, 9);
    expect(report.plan).toMatchObject({ monthly_savings_usd: 16.5, opportunity_ids: [large.id, small.id] });
    expect(report.plan.savings_pct).toBeCloseTo(5.5, 9);
    expect(report.opportunities[0]).not.toHaveProperty('change');
    // Neither is proven: the fixtures are medium confidence.
    expect(report.plan.proven).toEqual({ monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] });
  });

  it('leads with the proven part: only high-confidence opportunities that need no evaluation', () => {
    const cached = { ...candidate('response_caching', always, eliminate), confidence: 'high' as const };
    const evaluated = {
      ...candidate('model_rightsizing', always, eliminate),
      confidence: 'high' as const,
      requires_evaluation: true,
    };
    const report = buildReport({
      profile: observed,
      quality: assessDataQuality(observed),
      chosen: [cached, evaluated, small],
      savings: new Map([
        [cached.id, 2],
        [evaluated.id, 3],
        [small.id, 1],
      ]),
      plan: 5,
      proven: 2,
      generatedAt: new Date('2025-07-01T00:00:00Z'),
    });
    expect(report.plan.opportunity_ids).toEqual([evaluated.id, cached.id, small.id]);
    expect(report.plan.proven).toMatchObject({ monthly_savings_usd: 6, opportunity_ids: [cached.id] });
    expect(report.plan.proven.savings_pct).toBeCloseTo(2, 9);
    expect(report.plan.monthly_savings_usd).toBe(15);
  });

  it('reports an empty period with no opportunities and a zero plan', () => {
    const empty = profile({ segments: [], requests: 0, cost_usd: 0 });
    const report = buildReport({
      profile: empty,
      quality: assessDataQuality(empty),
      chosen: [],
      savings: new Map(),
      plan: 0,
      proven: 0,
      generatedAt: new Date(),
    });
    const none = { monthly_savings_usd: 0, savings_pct: 0, opportunity_ids: [] };
    expect(report.plan).toEqual({ ...none, proven: none });
    expect(report.data_quality.sufficiency).toBe('insufficient');
  });
});

describe('materialCandidates', () => {
  it('keeps candidates saving at least 1% of the cost of their scope', () => {
    const observed = profile({ segments: [segment({ cost_usd: 100 })] });
    const kept = candidate('error_waste', always, eliminate);
    const dropped = candidate('batch_api', always, eliminate);
    const savings = new Map([
      [kept.id, 1],
      [dropped.id, 0.99],
    ]);
    expect(materialCandidates(observed, [kept, dropped], savings).map((item) => item.id)).toEqual([kept.id]);
  });
});
