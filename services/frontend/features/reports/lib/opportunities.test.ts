/** Unit tests of the Optimizations tab's order: plan first, largest first, proven as the plan says. */
import { describe, expect, it } from 'vitest';
import { analysisReportFixture, opportunityFixture } from './fixtures/analysis-report';
import { rankedOpportunities } from './opportunities';

describe('rankedOpportunities', () => {
  it('puts the plan’s opportunities first, each group by saving, and marks proven and plan membership', () => {
    const report = analysisReportFixture({
      opportunities: [
        opportunityFixture({ id: 'small', monthly_savings_usd: 10 }),
        opportunityFixture({ id: 'outside', monthly_savings_usd: 500 }),
        opportunityFixture({ id: 'large', monthly_savings_usd: 90 }),
      ],
      planSavings: 100,
      planIds: ['small', 'large'],
      provenIds: ['small'],
      provenSavings: 10,
    });
    expect(
      rankedOpportunities(report).map((item) => [item.opportunity.id, item.inPlan, item.proven]),
    ).toEqual([
      ['large', true, false],
      ['small', true, true],
      ['outside', false, false],
    ]);
  });
});
