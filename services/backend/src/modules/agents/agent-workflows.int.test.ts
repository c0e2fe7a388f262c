/**
 * The three workflows of ARCHITECTURE §3, driven over HTTP by the issue's own messages, executed by
 * the backend's worker role with the real agents on real PostgreSQL, Redis and ClickHouse: which
 * route each run takes, which agents run, and report figures equal to the engine's own analysis
 * of the same usage.
 * @module
 */
import { analyzeUsage, createPriceCatalog, type AnalysisReport } from '@netra/optimizer';
import type { UsageEventInput } from '@netra/shared';
import {
  pageSchema,
  recommendationSchema,
  type AgentName,
  type Run,
  type RunEvent,
  type RunReport,
} from '@netra/shared/contracts';
import { createLogger } from '@netra/shared/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '#composition.js';
import type { JobWorker } from '#platform/runtime/worker.js';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';

const COST_MESSAGE =
  "Help me reduce my AI costs by 30% while maintaining quality. I'm spending $5000/month on GPT-4.";
const LATENCY_MESSAGE = "Our chatbot's response time is 3 s; get it under 1 s without increasing cost.";
const CAPACITY_MESSAGE = 'A new feature will triple our API usage; how should we prepare?';
const PUBLIC_URL = 'https://netra.example.test';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let worker: JobWorker;
let baseUrl = '';

/** A person with their own organization, seeded with `events` (none: an empty organization). */
async function organization(label: string, events: readonly UsageEventInput[]) {
  const client = new PlatformClient(baseUrl, await auth.register(label));
  const orgId = await client.personalOrg();
  if (events.length > 0) {
    await client.ingest(orgId, events);
  }
  return { client, orgId };
}

/** Three days of a chatbot's plain request log: no prompt fingerprints, about 3 s per answer. */
function chatbotLog(): UsageEventInput[] {
  const start = Date.UTC(2026, 10, 20);
  return Array.from({ length: 1_500 }, (_unused, index) => ({
    timestamp: new Date(start + index * 172_800).toISOString(),
    provider: 'openai',
    model: 'gpt-4o',
    feature: 'chatbot',
    input_tokens: 1_200 + (index % 7) * 150,
    output_tokens: 350 + (index % 5) * 40,
    latency_ms: 2_600 + (index % 9) * 110,
    ttft_ms: 900 + (index % 4) * 60,
    stream: true,
    status: index % 97 === 0 ? 'error' : 'success',
  }));
}

interface Finished {
  run: Run;
  events: RunEvent[];
  report: RunReport;
}

async function ask(org: { client: PlatformClient; orgId: string }, text: string, threadId?: string) {
  const thread = threadId ?? (await org.client.newThread(org.orgId));
  const started = await org.client.startRun(org.orgId, thread, text);
  const run = await org.client.ended(org.orgId, started.id, 240_000);
  expect(run.status).toBe('completed');
  const events = await org.client.events(org.orgId, run.id);
  const report = await org.client.report(org.orgId, run.report_id ?? '');
  return { run, events, report, thread };
}

function agentsStarted(events: readonly RunEvent[]): string[] {
  return events.filter((event) => event.type === 'agent_started').map((event) => event.agent);
}

function withoutTime(report: AnalysisReport) {
  const { generated_at: _generated, ...rest } = report;
  return rest;
}

/** The engine's own report of all the organization's usage, priced by the same catalog. */
function engineReport(orgId: string): Promise<AnalysisReport> {
  return analyzeUsage(test.backend.usageAnalysis, { scope: { orgId }, catalog: createPriceCatalog() });
}

function expectUnbroken(finished: Finished): void {
  expect(finished.events.map((event) => event.seq)).toEqual(finished.events.map((_event, index) => index));
  expect(finished.events.at(-1)?.type).toBe('run_completed');
}

function expectSummaryFromEngine(report: RunReport): void {
  const { plan, baseline } = report.analysis;
  expect(report.summary.proven_monthly_savings_usd).toBeCloseTo(plan.proven.monthly_savings_usd, 9);
  expect(report.summary.potential_monthly_savings_usd).toBeCloseTo(plan.monthly_savings_usd, 9);
  expect(report.summary.baseline_monthly_usd).toBeCloseTo(baseline.monthly_cost_usd, 9);
}

const FULL_ROUTE: AgentName[] = [
  'triage',
  'data_sufficiency',
  'data',
  'optimization',
  'actions',
  'reporting',
];

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
    BACKEND_PUBLIC_URL: PUBLIC_URL,
  });
  baseUrl = await test.app.listen({ port: 0, host: '127.0.0.1' });
  worker = await startWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }));
}, 240_000);

afterAll(async () => {
  await worker.close();
  await test.close();
  await auth.stop();
});

describe('agent runs through the three workflows', () => {
  let rich: { client: PlatformClient; orgId: string };
  let costRun: Finished & { thread: string };

  beforeAll(async () => {
    rich = await organization('rich', generatePlantedWorkload({ events: 12_000 }).events);
  }, 240_000);

  it('sufficient data: a cost request takes the full route and reports the engine’s figures', async () => {
    costRun = await ask(rich, COST_MESSAGE);
    const { run, report } = costRun;
    expect(run.workflow).toBe('sufficient');
    expect(run.agents).toEqual(FULL_ROUTE);
    expect(agentsStarted(costRun.events)).toEqual(FULL_ROUTE);
    expectUnbroken(costRun);
    expect(report.tier).toBe('full');
    expect(report.goal).toMatchObject({
      category: 'cost_optimization',
      target_savings_pct: 30,
      maintain_quality: true,
    });
    expect(withoutTime(report.analysis)).toEqual(withoutTime(await engineReport(rich.orgId)));
    expectSummaryFromEngine(report);
    expect(report.summary.proven_monthly_savings_usd).toBeGreaterThan(0);
    expect(report.summary.proven_monthly_savings_usd).toBeLessThanOrEqual(
      report.summary.potential_monthly_savings_usd,
    );
    const recommendations = pageSchema(recommendationSchema).parse(
      await rich.client.ok('GET', `/orgs/${rich.orgId}/recommendations?report_id=${report.id}&limit=100`),
    );
    expect(recommendations.items.map((item) => item.opportunity_id).sort()).toEqual(
      report.analysis.opportunities.map((opportunity) => opportunity.id).sort(),
    );
  });

  it('a follow-up in the same thread builds on the previous run', async () => {
    const followUp = await ask(
      rich,
      'And which of those can we trust without an evaluation?',
      costRun.thread,
    );
    expect(followUp.report.goal).toMatchObject({ category: 'cost_optimization', target_savings_pct: 30 });
    expect(withoutTime(followUp.report.analysis)).toEqual(withoutTime(costRun.report.analysis));
  });

  it('a capacity question on the same data is triaged as capacity planning', async () => {
    const { run, report } = await ask(rich, CAPACITY_MESSAGE);
    expect(run.workflow).toBe('sufficient');
    expect(report.goal).toMatchObject({ category: 'capacity_planning', growth_multiplier: 3 });
    expect(withoutTime(report.analysis)).toEqual(withoutTime(await engineReport(rich.orgId)));
  });

  it('no data: the same cost request gets guidance built on the stated spend', async () => {
    const empty = await organization('empty', []);
    const finished = await ask(empty, COST_MESSAGE);
    expect(finished.run.workflow).toBe('insufficient');
    expect(agentsStarted(finished.events)).toEqual([
      'triage',
      'data_sufficiency',
      'data_helper',
      'reporting',
    ]);
    expectUnbroken(finished);
    const { report } = finished;
    expect(report.tier).toBe('guidance');
    expect(report.summary).toMatchObject({ baseline_monthly_usd: 5000, baseline_source: 'stated' });
    expect(report.summary.proven_monthly_savings_usd).toBe(0);
    expect(report.data_request?.ingestion.events_url).toBe(`${PUBLIC_URL}/api/v1/ingest/events`);
    expect(report.data_request?.sources[0]?.source.toLowerCase()).toContain('openai');
  });

  it('partial data: a latency goal takes the partial route with a data request and no batch lever', async () => {
    const thin = await organization('thin', chatbotLog());
    const finished = await ask(thin, LATENCY_MESSAGE);
    expect(finished.run.workflow).toBe('partial');
    expect(agentsStarted(finished.events)).toEqual([
      'triage',
      'data_sufficiency',
      'data_helper',
      'data',
      'optimization',
      'actions',
      'reporting',
    ]);
    expectUnbroken(finished);
    const { report } = finished;
    expect(report.tier).toBe('partial');
    expect(report.goal).toMatchObject({
      category: 'performance_optimization',
      objective: 'latency',
      target_latency_ms: 1000,
      no_cost_increase: true,
    });
    expect(report.data_request).not.toBeNull();
    expect(withoutTime(report.analysis)).toEqual(withoutTime(await engineReport(thin.orgId)));
    expectSummaryFromEngine(report);
    const ranked = report.action_plan?.steps.map((step) => step.opportunity_id) ?? [];
    const batch = report.analysis.opportunities.filter((opportunity) => opportunity.kind === 'batch_api');
    expect(ranked.filter((id) => batch.some((opportunity) => opportunity.id === id))).toEqual([]);
  });
});
