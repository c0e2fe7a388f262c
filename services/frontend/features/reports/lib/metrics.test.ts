/** Unit tests of the Metrics tab's rows: every figure is the report's, formatted, with its raw value. */
import { describe, expect, it } from 'vitest';
import { analysisReportFixture, opportunityFixture } from './fixtures/analysis-report';
import { keyMetrics } from './metrics';

const report = analysisReportFixture({
  opportunities: [
    opportunityFixture({ id: 'a', monthly_savings_usd: 120 }),
    opportunityFixture({ id: 'b', monthly_savings_usd: 80, confidence: 'medium' }),
  ],
  planSavings: 190,
  provenIds: ['a'],
  provenSavings: 120,
});

describe('keyMetrics', () => {
  it('lists cost, savings and data figures with their raw values', () => {
    const rows = Object.fromEntries(keyMetrics(report).map((row) => [row.key, [row.value, row.text]]));
    expect(rows).toMatchObject({
      baseline_monthly_usd: [1_000, '$1,000.00'],
      total_cost_usd: [466.67, '$466.67'],
      proven_monthly_savings_usd: [120, '$120.00'],
      potential_monthly_savings_usd: [190, '$190.00'],
      plan_monthly_cost_usd: [810, '$810.00'],
      roi: [null, '—'],
      requests: [10_000, '10,000'],
      opportunities: [2, '2'],
      proven_opportunities: [1, '1'],
      sufficiency: ['sufficient', 'Sufficient'],
      completeness: [0.9, '90.0%'],
    });
    expect(rows).not.toHaveProperty('error_rate');
  });

  it('adds the data agent’s profile when there is one', () => {
    const findings = {
      profile: {
        requests: 1,
        cost_usd: 1,
        days: 14,
        models: 3,
        features: 4,
        error_rate: 0.021,
        p95_latency_ms: 1830.4,
      },
      series: [],
      anomalies: [],
      method: 'm',
    };
    const rows = Object.fromEntries(keyMetrics(report, null, findings).map((row) => [row.key, row.text]));
    expect(rows).toMatchObject({
      error_rate: '2.1%',
      p95_latency_ms: '1,830 ms',
      models: '3',
      features: '4',
    });
  });
});
