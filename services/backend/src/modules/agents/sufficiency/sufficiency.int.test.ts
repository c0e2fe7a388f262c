/**
 * The Data sufficiency agent on real stores: usage ingested through `POST /api/v1/ingest/events`,
 * profiled by the engine over ClickHouse, read through the agents repository. Full, thin, empty and
 * out-of-period organizations take the three routes of §3.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDependencies } from '#modules/agents/agent.js';
import { AgentsRepository } from '#modules/agents/agents.repository.js';
import { fallbackTriage } from '#modules/agents/triage/fallback-triage.js';
import { unitContext } from '#test-support/agents/triage-test-support.js';
import { sufficiencyResultSchema } from '#modules/agents/workflow-state.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { sufficiencyAgent } from './sufficiency.agent.js';

let backend: BackendTestApp;
let deps: AgentDependencies;
const HOUR = 3_600_000;
const LAST = Date.parse('2026-11-20T12:00:00.000Z');

beforeAll(async () => {
  backend = await startBackendTestApp();
  const agents = new AgentsRepository(backend.backend.stores.clickhouse);
  deps = {
    usage: backend.backend.usageAnalysis,
    catalogFor: () => Promise.resolve(createPriceCatalog()),
    featuresOf: (orgId) => agents.featuresOf(orgId),
    latestEventOf: (orgId) => agents.latestEventOf(orgId),
    dailyUsage: (orgId, from, to) => agents.dailyUsage(orgId, from, to),
    publicApiUrl: 'http://127.0.0.1:8000',
    llm: undefined,
  };
});

afterAll(async () => {
  await backend.close();
});

/** `count` events, one every `stepMs` ending at LAST; `full` ones carry every field the engine scores. */
function events(count: number, stepMs: number, full: boolean) {
  return Array.from({ length: count }, (_, index) => ({
    event_id: `evt-${index}`,
    timestamp: new Date(LAST - (count - 1 - index) * stepMs).toISOString(),
    provider: 'openai',
    model: 'gpt-4o',
    input_tokens: 1200 + (index % 7) * 100,
    output_tokens: 300,
    ...(full
      ? {
          latency_ms: 900,
          status: 'success',
          feature: index % 2 === 0 ? 'chatbot' : 'search',
          prompt_hash: `p${index % 50}`,
          prefix_hashes: [`h${index % 3}`],
        }
      : {}),
  }));
}

async function orgWith(body: unknown[]): Promise<string> {
  const { orgId, key } = await newTestOrganization(backend, 'sufficiency');
  if (body.length > 0) {
    const response = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers: { authorization: `Bearer ${key}` },
      payload: { events: body },
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  }
  return orgId;
}

async function decide(orgId: string, message: string, now = new Date(LAST + HOUR)) {
  const { context, events: recorded } = unitContext(message);
  const triage = fallbackTriage(message, now);
  const result = await sufficiencyAgent.run({ triage }, { ...context, orgId, now }, deps);
  expect(sufficiencyResultSchema.safeParse(result).success).toBe(true);
  return { result, recorded };
}

describe('data sufficiency on stored usage', () => {
  it('takes the full route on two weeks of complete events, over the 30 days before the latest one', async () => {
    const orgId = await orgWith(events(1500, 15 * 60_000, true));
    const { result, recorded } = await decide(orgId, 'Reduce our costs by 30%');
    expect(result).toMatchObject({
      level: 'sufficient',
      workflow: 'sufficient',
      requests: 1500,
      stated_baseline: null,
    });
    expect(result.scope).toEqual({
      from: new Date(LAST + 1 - 30 * 24 * HOUR).toISOString(),
      to: new Date(LAST + 1).toISOString(),
    });
    expect(result.reasons[0]).toMatch(/^Analyzed the last 30 days of stored usage: .*1,500 requests/);
    expect(recorded.map((event) => `${event.kind}:${event.text.split(' ')[0]}`)).toEqual([
      'tool:profile_totals',
      'tool:assess_data_quality',
      'thinking:Data',
    ]);
  });

  it('takes the partial route on a few hundred events without features or hashes', async () => {
    const orgId = await orgWith(events(200, HOUR, false));
    const { result } = await decide(orgId, 'Reduce our costs by 30%');
    expect(result).toMatchObject({ level: 'partial', workflow: 'partial', requests: 200 });
    expect(result.quality.missing.map((entry) => entry.field)).toEqual(
      expect.arrayContaining(['feature', 'prompt_hash', 'prefix_hashes']),
    );
  });

  it('guides an organization without usage, keeping the spend its message states', async () => {
    const orgId = await orgWith([]);
    const { result } = await decide(orgId, "I'm spending $5000/month on GPT-4, help me cut it by 30%");
    expect(result).toMatchObject({
      level: 'insufficient',
      workflow: 'insufficient',
      requests: 0,
      scope: { from: null, to: null },
      stated_baseline: { monthly_cost_usd: 5000, models: [] },
    });
    expect(result.reasons[0]).toBe('No usage is stored for this organization yet.');
  });

  it('analyzes the period the message names, and says where the data is when it is empty', async () => {
    const orgId = await orgWith(events(1500, 15 * 60_000, true));
    const { result } = await decide(orgId, 'How did costs look in March?');
    expect(result).toMatchObject({ workflow: 'insufficient', requests: 0 });
    expect(result.scope).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(result.reasons).toContain(
      'There is no usage in that period; the latest stored event is from 2026-11-20.',
    );
  });
});
