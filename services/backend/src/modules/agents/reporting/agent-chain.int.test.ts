/**
 * The sufficient route of the workflow after the sufficiency check — Data, Optimization, Actions,
 * Reporting — run through the real pipeline over a planted workload stored in ClickHouse: every
 * figure of the report is the engine's, and the data findings measure the same usage.
 */
import { createPriceCatalog } from '@netra/optimizer';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBackendConfig } from '#config.js';
import type { AgentDependencies } from '#modules/agents/agent.js';
import { AgentPipeline } from '#modules/agents/agent-pipeline.js';
import { AgentsRepository } from '#modules/agents/agents.repository.js';
import { recordingContext, testSufficiency, testTriage } from '#test-support/agents/agent-test-doubles.js';
import { reportDraftSchema, type WorkflowState } from '#modules/agents/workflow-state.js';
import { openUsageAnalysis } from '#modules/usage/usage-analysis-source.js';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { openBackendClickHouse } from '#platform/stores/index.js';
import { newTestOrgId } from '#test-support/clickhouse-test-support.js';
import { ingestPlantedEvents } from '#test-support/planted/planted-ingest.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';

const EVENTS = 12_000;
const catalog = createPriceCatalog();
const orgId = newTestOrgId();

let store: ClickHouseStore;
let deps: AgentDependencies;

beforeAll(async () => {
  store = await openBackendClickHouse(loadBackendConfig(serviceTestEnvironment()));
  const workload = generatePlantedWorkload({ events: EVENTS, catalog });
  await ingestPlantedEvents(store, orgId, workload.events);
  const agents = new AgentsRepository(store);
  deps = {
    usage: await openUsageAnalysis(store),
    catalogFor: () => Promise.resolve(catalog),
    featuresOf: (id) => agents.featuresOf(id),
    latestEventOf: (id) => agents.latestEventOf(id),
    dailyUsage: (id, from, to) => agents.dailyUsage(id, from, to),
    publicApiUrl: 'http://127.0.0.1:4000',
    llm: undefined,
  };
}, 300_000);

afterAll(async () => {
  await store.close();
});

/** Runs the pipeline from a triaged, sufficient state to its end. */
async function runToReport(goal: Parameters<typeof testTriage>[0]): Promise<WorkflowState> {
  const pipeline = new AgentPipeline(deps);
  const { context } = recordingContext({ orgId });
  let state: WorkflowState = {
    triage: testTriage(goal),
    sufficiency: testSufficiency({ scope: { from: null, to: null }, requests: EVENTS }),
    failures: [],
    done: ['triage', 'data_sufficiency'],
  };
  for (let agent = pipeline.nextAgent(state); agent !== null; agent = pipeline.nextAgent(state)) {
    state = (await pipeline.step(agent, state, context)).state;
  }
  return state;
}

describe('the agents of the sufficient route over stored usage', () => {
  it('writes a full report whose figures are the engine report and whose findings measure the same usage', async () => {
    const state = await runToReport({});
    expect(state.failures).toEqual([]);
    expect(state.done).toEqual([
      'triage',
      'data_sufficiency',
      'data',
      'optimization',
      'actions',
      'reporting',
    ]);
    const report = reportDraftSchema.parse(state.report);
    const analysis = state.optimization?.analysis;
    expect(report.tier).toBe('full');
    expect(report.analysis).toEqual(analysis);
    expect(report.summary.proven_monthly_savings_usd).toBe(analysis?.plan.proven.monthly_savings_usd);
    expect(report.summary.potential_monthly_savings_usd).toBe(analysis?.plan.monthly_savings_usd);
    expect(report.summary.proven_monthly_savings_usd).toBeGreaterThan(0);
    expect(report.summary.payback_days).not.toBeNull();
    expect(state.findings?.profile.requests).toBe(analysis?.baseline.requests);
    expect(state.findings?.profile.cost_usd).toBeCloseTo(analysis?.baseline.total_cost_usd ?? -1, 6);
    expect(state.action_plan?.steps.length).toBe((state.optimization?.ranked_ids.length ?? 0) + 1);
  }, 300_000);

  it('leaves the batch API out of a latency goal and says so in the report', async () => {
    const state = await runToReport({ objective: 'latency' });
    const batch =
      state.optimization?.analysis.opportunities.filter((item) => item.kind === 'batch_api') ?? [];
    expect(batch.length).toBeGreaterThan(0);
    expect(state.optimization?.excluded.map((item) => item.id)).toEqual(batch.map((item) => item.id));
    expect(state.report?.markdown).toContain('Left out for your goal:');
  }, 300_000);
});
