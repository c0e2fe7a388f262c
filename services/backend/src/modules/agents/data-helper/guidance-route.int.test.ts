/**
 * The head of the §3 workflow through the real pipeline on real stores: Triage, Data sufficiency and
 * Data Helper decide the route from what an organization has stored (ingested through the REST
 * endpoint) and what its message states. An empty organization gets the guidance route with its
 * stated spend as baseline; a thin one the partial route, with a data request naming what it lacks.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDependencies } from '#modules/agents/agent.js';
import { AgentPipeline } from '#modules/agents/agent-pipeline.js';
import { AgentsRepository } from '#modules/agents/agents.repository.js';
import { unitContext } from '#test-support/agents/triage-test-support.js';
import { EMPTY_STATE, workflowStateSchema, type WorkflowState } from '#modules/agents/workflow-state.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;
let pipeline: AgentPipeline;
const NOW = new Date('2026-12-03T12:00:00.000Z');
const PUBLIC_URL = 'https://netra.example.com';

beforeAll(async () => {
  backend = await startBackendTestApp();
  const agents = new AgentsRepository(backend.backend.stores.clickhouse);
  const deps: AgentDependencies = {
    usage: backend.backend.usageAnalysis,
    catalogFor: () => Promise.resolve(createPriceCatalog()),
    featuresOf: (orgId) => agents.featuresOf(orgId),
    latestEventOf: (orgId) => agents.latestEventOf(orgId),
    dailyUsage: (orgId, from, to) => agents.dailyUsage(orgId, from, to),
    publicApiUrl: PUBLIC_URL,
    llm: undefined,
  };
  pipeline = new AgentPipeline(deps);
});

afterAll(async () => {
  await backend.close();
});

/** `count` hourly events on a chatbot feature, without latency or hashes, ending a day before NOW. */
async function thinOrganization(count: number): Promise<string> {
  const { orgId, key } = await newTestOrganization(backend, 'guidance');
  const end = NOW.getTime() - 86_400_000;
  const events = Array.from({ length: count }, (_, index) => ({
    event_id: `evt-${index}`,
    timestamp: new Date(end - index * 3_600_000).toISOString(),
    model: 'claude-sonnet-4-20250514',
    provider: 'anthropic',
    input_tokens: 2000,
    output_tokens: 400,
    feature: 'chatbot',
  }));
  const response = await backend.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: { events },
  });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return orgId;
}

/** Runs the pipeline until `stopAt` is next (or the run ends); the state is checkpointable JSON at each step. */
async function runUntil(orgId: string, text: string, stopAt: string | null): Promise<WorkflowState> {
  const { context } = unitContext(text);
  let state: WorkflowState = EMPTY_STATE;
  for (
    let next = pipeline.nextAgent(state);
    next !== null && next !== stopAt;
    next = pipeline.nextAgent(state)
  ) {
    const step = await pipeline.step(next, state, { ...context, orgId, now: NOW });
    expect(step.outcome, JSON.stringify(step.outcome)).toMatchObject({ ok: true });
    state = workflowStateSchema.parse(JSON.parse(JSON.stringify(step.state)));
  }
  return state;
}

describe('the head of the workflow on stored usage', () => {
  it('guides an empty organization from the spend it states, and reports guidance', async () => {
    const { orgId } = await newTestOrganization(backend, 'guidance');
    const state = await runUntil(
      orgId,
      "Help me reduce my AI costs by 30% while maintaining quality. I'm spending $5000/month on GPT-4.",
      null,
    );
    expect(state.done).toEqual(['triage', 'data_sufficiency', 'data_helper', 'reporting']);
    expect(state.triage?.goal).toMatchObject({
      target_savings_pct: 30,
      stated_monthly_spend_usd: 5000,
      stated_models: ['gpt-4'],
    });
    expect(state.sufficiency).toMatchObject({
      workflow: 'insufficient',
      stated_baseline: { monthly_cost_usd: 5000, models: ['gpt-4'] },
    });
    expect(state.data_request?.ingestion.files_url).toBe(`${PUBLIC_URL}/api/v1/ingest/files`);
    expect(state.data_request?.sources[0]?.source).toBe('openai');
    expect(state.report?.tier).toBe('guidance');
  });

  it('takes the partial route on thin data and asks for what it lacks, naming the org’s feature', async () => {
    const orgId = await thinOrganization(300);
    const state = await runUntil(orgId, 'Our chatbot on Sonnet 4 costs too much; where can we save?', 'data');
    expect(state.triage?.entities.features).toEqual(['chatbot']);
    expect(state.triage?.entities.models.map((model) => model.model)).toEqual(['claude-sonnet-4-0']);
    expect(state.sufficiency).toMatchObject({ level: 'partial', workflow: 'partial', requests: 300 });
    const fields = state.data_request?.fields.map((field) => field.field) ?? [];
    expect(fields.slice(4, 7)).toEqual(['latency_ms', 'prompt_hash', 'prefix_hashes']);
    expect(state.data_request?.sources[0]?.source).toBe('anthropic');
    expect(pipeline.nextAgent(state)).toBe('data');
  });
});
