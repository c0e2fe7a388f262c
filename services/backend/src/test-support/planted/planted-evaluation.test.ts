import {
  createPriceCatalog,
  REPORT_SCHEMA_VERSION,
  type AnalysisReport,
  type Opportunity,
} from '@netra/optimizer';
import { describe, expect, it } from 'vitest';
import { evaluatePlantedReport } from './planted-evaluation.js';
import { plantedTable } from './planted-table.js';
import type { PlantedTruth } from './planted-types.js';
import { generatePlantedWorkload } from './planted-workload.js';

const workload = generatePlantedWorkload({ events: 2_500, catalog: createPriceCatalog() });
const DAYS = 14;
const monthly = (periodUsd: number) => (periodUsd * 30) / DAYS;

function opportunity(truth: PlantedTruth, factor = 1, feature = truth.feature): Opportunity {
  return {
    id: `${truth.kind}:${feature}:${truth.provider}/${truth.model}`,
    kind: truth.kind,
    title: truth.kind,
    scope: { feature, provider: truth.provider, model: truth.model },
    monthly_savings_usd: monthly(truth.periodSavingsUsd) * factor,
    savings_pct_of_baseline: 1,
    confidence: 'high',
    risk: 'low',
    effort: 'low',
    evidence: {},
    assumptions: [],
    actions: [],
    requires_evaluation: false,
  };
}

/** A report claiming exactly the truth, with `change` applied to its opportunities. */
function report(change: (opportunities: Opportunity[]) => Opportunity[] = (same) => same): AnalysisReport {
  const opportunities = change(workload.truths.map((truth) => opportunity(truth)));
  const plan = {
    monthly_savings_usd: opportunities.reduce((sum, item) => sum + item.monthly_savings_usd, 0),
    savings_pct: 10,
    opportunity_ids: opportunities.map((item) => item.id),
  };
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: '2025-10-20T00:00:00.000Z',
    period: { start: '2025-10-06T00:00:00.000Z', end: '2025-10-20T00:00:00.000Z', days: DAYS },
    baseline: {
      requests: workload.events.length,
      total_cost_usd: workload.periodCostUsd,
      monthly_cost_usd: monthly(workload.periodCostUsd),
      unpriced_requests: 0,
      by_model: [],
      by_feature: [],
    },
    data_quality: { sufficiency: 'sufficient', completeness: 1, missing: [], notes: [] },
    opportunities,
    plan: { ...plan, proven: plan },
  };
}

describe('evaluatePlantedReport', () => {
  it('passes a report that claims exactly the planted savings', () => {
    const evaluation = evaluatePlantedReport(report(), workload);
    expect(evaluation.passed).toBe(true);
    expect(evaluation.kinds.every((check) => check.detected && check.error !== null)).toBe(true);
    expect(plantedTable(evaluation).at(-1)).toBe('result: PASS');
  });

  it('fails a missed kind, and one estimated outside its tolerance', () => {
    const missed = evaluatePlantedReport(
      report((all) => all.slice(1)),
      workload,
    );
    expect(missed.kinds[0]).toMatchObject({ detected: false, pass: false });
    expect(missed.passed).toBe(false);
    const off = evaluatePlantedReport(
      report((all) =>
        all.map((item) =>
          item.kind === 'batch_api'
            ? { ...item, monthly_savings_usd: item.monthly_savings_usd * 1.06 }
            : item,
        ),
      ),
      workload,
    );
    expect(off.kinds.find((check) => check.kind === 'batch_api')?.pass).toBe(false);
    expect(off.plan.pass).toBe(true);
  });

  it('lists opportunities on clean features and unplanted kinds as false positives', () => {
    const truth = workload.truths[0]!;
    const clean = workload.features.find((feature) => feature.kind === null)!;
    const evaluation = evaluatePlantedReport(
      report((all) => [
        ...all,
        opportunity(truth, 0.01, clean.feature),
        { ...opportunity(workload.truths[1]!, 0.01, truth.feature), kind: 'error_waste' },
      ]),
      workload,
    );
    expect(evaluation.falsePositives.map((positive) => positive.reason)).toEqual([
      'clean feature',
      `feature plants ${truth.kind} only`,
    ]);
    expect(evaluation.passed).toBe(false);
  });

  it('fails a report that does not validate against the schema', () => {
    const invalid = { ...report(), plan: { ...report().plan, savings_pct: 150 } };
    const evaluation = evaluatePlantedReport(invalid, workload);
    expect(evaluation.schemaIssues).toHaveLength(1);
    expect(evaluation.passed).toBe(false);
  });
});
