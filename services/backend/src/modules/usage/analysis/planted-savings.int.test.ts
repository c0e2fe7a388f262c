/**
 * The planted-opportunity benchmark at test size: a deterministic workload with one feature per
 * opportunity kind (each planting exactly one inefficiency at a known true saving) and clean
 * features, stored through the real ingestion path in ClickHouse and analyzed by the engine. Every
 * planted kind must be found within its tolerance, nothing else, and the plan within ±5%.
 */
import { analyzeUsage, createPriceCatalog, type AnalysisReport } from '@netra/optimizer';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { newTestOrgId } from '#test-support/clickhouse-test-support.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { evaluatePlantedReport, type PlantedEvaluation } from '#test-support/planted/planted-evaluation.js';
import { ingestPlantedEvents } from '#test-support/planted/planted-ingest.js';
import { plantedTable } from '#test-support/planted/planted-table.js';
import type { PlantedWorkload } from '#test-support/planted/planted-types.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';

const EVENTS = 22_000;

let store: ClickHouseStore;
let workload: PlantedWorkload;
let report: AnalysisReport;
let evaluation: PlantedEvaluation;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  const orgId = newTestOrgId();
  const catalog = createPriceCatalog();
  workload = generatePlantedWorkload({ events: EVENTS, catalog });
  const ingested = await ingestPlantedEvents(store, orgId, workload.events);
  expect(ingested).toMatchObject({ accepted: EVENTS, stored: EVENTS, unpriced: 0 });
  report = await analyzeUsage(await openUsageAnalysis(store), { scope: { orgId }, catalog });
  evaluation = evaluatePlantedReport(report, workload);
});

afterAll(async () => {
  await store.close();
});

describe('planted savings: the engine finds exactly what was planted', () => {
  it('validates the report against the §4.2 schema', () => {
    expect(evaluation.schemaIssues).toEqual([]);
    expect(report.baseline.requests).toBe(EVENTS);
  });

  it('detects every planted kind on its feature within its tolerance', () => {
    const table = plantedTable(evaluation).join('\n');
    for (const check of evaluation.kinds) {
      expect(check.detected, `${check.kind} not detected\n${table}`).toBe(true);
      expect(Math.abs(check.error ?? Infinity), `${check.kind} off\n${table}`).toBeLessThanOrEqual(
        check.tolerance,
      );
    }
  });

  it('reports no opportunity on clean features nor a kind not planted on a feature', () => {
    expect(evaluation.falsePositives).toEqual([]);
  });

  it('keeps the proven part within the plan: a subset of its changes, never more dollars', () => {
    const { proven } = report.plan;
    expect(report.plan.opportunity_ids).toEqual(expect.arrayContaining(proven.opportunity_ids));
    expect(proven.monthly_savings_usd).toBeGreaterThan(0);
    expect(proven.monthly_savings_usd).toBeLessThanOrEqual(report.plan.monthly_savings_usd);
    const needsEvaluation = report.opportunities.filter(
      (item) => item.requires_evaluation || item.confidence !== 'high',
    );
    for (const item of needsEvaluation) {
      expect(proven.opportunity_ids).not.toContain(item.id);
    }
  });

  it('puts the plan total within ±5% of the true combined saving', () => {
    expect(evaluation.plan.pass, plantedTable(evaluation).join('\n')).toBe(true);
    expect(report.plan.opportunity_ids).toHaveLength(workload.truths.length);
  });
});
