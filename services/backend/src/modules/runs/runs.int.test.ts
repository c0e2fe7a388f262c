/**
 * Runs over HTTP with real tokens, on the real stores and the BullMQ runs queue, executed by a
 * worker whose pipeline is scripted (deterministic events; holds on request): a run ends with its
 * report and thread answer, its events replay exactly, a cancel stops it mid-step, an organization's
 * third run waits for a free place, and another organization's ids answer 404.
 * @module
 */
import { runEventsPageSchema, runSchema, type Run, type RunEvent } from '@netra/shared/contracts';
import { z } from 'zod';
import { createLogger } from '@netra/shared/server';
import { fileRedisNamespace } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { RunHistory } from './run-history.js';
import { RunsRepository } from './runs.repository.js';
import { startRunsWorker, type RunsWorker } from './runs-wiring.js';
import { SCRIPTED_AGENTS, ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { waitUntil } from '#test-support/runs/wait.js';

let auth: AuthServiceFixture;
let test: BackendTestApp;
let worker: RunsWorker;
const pipeline = new ScriptedPipeline();
let owner: TestUser;
let stranger: TestUser;
let orgId = '';
let strangerOrgId = '';

type Method = 'GET' | 'POST';

const anyBody = z.record(z.string(), z.unknown());

/** Calls the API as `user`; the answer's body is read with `shape` (failing answers with `anyBody`). */
async function call<T>(
  user: TestUser,
  method: Method,
  path: string,
  shape: z.ZodType<T>,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await test.app.inject({
    method,
    url: path,
    headers: { authorization: `Bearer ${user.token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: shape.parse(response.json()) };
}

async function personalOrg(user: TestUser): Promise<string> {
  const me = await call(
    user,
    'GET',
    '/api/v1/me',
    z.object({ organizations: z.array(z.object({ id: z.string() })) }),
  );
  const [org] = me.body.organizations;
  if (org === undefined) {
    throw new Error('no personal organization');
  }
  return org.id;
}

async function newThread(user: TestUser, org: string): Promise<string> {
  const created = await call(user, 'POST', `/api/v1/orgs/${org}/threads`, z.object({ id: z.string() }), {});
  return created.body.id;
}

async function startRun(user: TestUser, org: string, thread: string, text: string): Promise<Run> {
  const started = await call(user, 'POST', `/api/v1/orgs/${org}/threads/${thread}/runs`, runSchema, { text });
  expect(started.status).toBe(202);
  return started.body;
}

const getRun = async (user: TestUser, org: string, runId: string) =>
  (await call(user, 'GET', `/api/v1/orgs/${org}/runs/${runId}`, runSchema)).body;

function ended(user: TestUser, org: string, runId: string): Promise<Run> {
  return waitUntil(`run ${runId} to end`, async () => {
    const run = await getRun(user, org, runId);
    return ['completed', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  });
}

async function allEvents(user: TestUser, org: string, runId: string, limit = 7): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  let after = -1;
  for (;;) {
    const path = `/api/v1/orgs/${org}/runs/${runId}/events?after_seq=${after}&limit=${limit}`;
    const page = (await call(user, 'GET', path, runEventsPageSchema)).body;
    events.push(...page.events);
    if (page.complete || page.events.length === 0) {
      return events;
    }
    after = page.next_after_seq;
  }
}

beforeAll(async () => {
  auth = await startAuthService();
  test = await startBackendTestApp({
    AUTH_SERVICE_URL: auth.url,
    API_REQUESTS_PER_USER_PER_MIN: '100000',
    REDIS_NAMESPACE: fileRedisNamespace('runs-rest'),
    RUN_CONCURRENCY_PER_ORG: '2',
    RUN_WORKER_CONCURRENCY: '4',
  });
  worker = startRunsWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }), { pipeline });
  owner = await auth.register('run-owner');
  stranger = await auth.register('run-stranger');
  orgId = await personalOrg(owner);
  strangerOrgId = await personalOrg(stranger);
}, 240_000);

afterAll(async () => {
  await worker.close();
  await test.close();
  await auth.stop();
});

describe('a run', () => {
  let run: Run;
  let thread = '';

  beforeAll(async () => {
    thread = await newThread(owner, orgId);
    const started = await startRun(owner, orgId, thread, 'Where does our LLM spend go?');
    expect(started).toMatchObject({ status: 'queued', thread_id: thread, last_seq: -1, report_id: null });
    run = await ended(owner, orgId, started.id);
  }, 120_000);

  it('completes with its report, every agent run, and its answer on the thread', async () => {
    expect(run).toMatchObject({
      status: 'completed',
      agents: SCRIPTED_AGENTS,
      current_agent: null,
      error: null,
    });
    expect(run.report_id).not.toBeNull();
    const messages = await call(
      owner,
      'GET',
      `/api/v1/orgs/${orgId}/threads/${thread}/messages`,
      z.object({ items: z.array(z.object({ role: z.string(), content: z.string() })) }),
    );
    expect(messages.body.items.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(messages.body.items[1]?.content).toContain('Scripted answer to: Where does our LLM spend go?');
  });

  it('replays its events exactly: seq 0..last without a gap, from any point', async () => {
    const events = await allEvents(owner, orgId, run.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(events.at(-1)?.seq).toBe(run.last_seq);
    expect(events[0]).toMatchObject({
      type: 'agent_started',
      agent: 'triage',
      run_id: run.id,
      thread_id: thread,
    });
    expect(events.at(-2)).toMatchObject({ type: 'final_report', payload: { report_id: run.report_id } });
    expect(events.at(-1)).toMatchObject({ type: 'run_completed', agent: 'run' });
    const perStep = [
      'agent_started',
      'agent_thinking',
      'tool_executing',
      'tool_completed',
      'progress_update',
    ];
    expect(events.filter((event) => event.agent === 'data_helper').map((event) => event.type)).toEqual([
      ...perStep,
      'agent_completed',
      'progress_update',
    ]);
    const tail = await call(
      owner,
      'GET',
      `/api/v1/orgs/${orgId}/runs/${run.id}/events?after_seq=10`,
      runEventsPageSchema,
    );
    expect(tail.body.events).toEqual(events.slice(11));
    expect(tail.body.complete).toBe(true);
  });

  it('leaves one checkpoint per step and its history in ClickHouse', async () => {
    const repository = new RunsRepository(test.backend.stores.postgres.db);
    const checkpoints = await repository.checkpoints(run.id);
    expect(checkpoints.map((checkpoint) => checkpoint.agent)).toEqual(SCRIPTED_AGENTS);
    const history = new RunHistory(test.backend.stores.clickhouse, repository);
    // History is written just after the run ends.
    const steps = await waitUntil('the run history', async () => {
      const rows = await history.stepsOf(orgId, run.id);
      return rows.length === SCRIPTED_AGENTS.length ? rows : undefined;
    });
    expect(steps.map((step) => [step.step_index, step.agent, step.ok])).toEqual(
      SCRIPTED_AGENTS.map((agent, index) => [index, agent, true]),
    );
    expect(new Set(steps.map((step) => step.worker))).toEqual(new Set([worker.executor.worker]));
  });

  it('tells a follow-up on the thread about it', async () => {
    const followUp = await ended(owner, orgId, (await startRun(owner, orgId, thread, 'And then?')).id);
    expect(followUp.status).toBe('completed');
    expect(pipeline.previous.get(followUp.id)).toMatchObject({ runId: run.id, reportId: run.report_id });
    expect(pipeline.previous.get(run.id)).toBeNull();
  });

  it('is listed on its thread and shows on the metrics', async () => {
    const list = await call(
      owner,
      'GET',
      `/api/v1/orgs/${orgId}/threads/${thread}/runs`,
      z.object({ items: z.array(runSchema) }),
    );
    expect(list.body.items.map((item) => item.id).at(-1)).toBe(run.id);
    const metrics = await test.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/netra_run_tier_write_seconds_count\{tier="checkpoint",outcome="ok"\} \d+/);
    expect(metrics.body).toMatch(/netra_run_tier_write_seconds_count\{tier="hot",outcome="ok"\} \d+/);
    expect(metrics.body).toMatch(/netra_run_tier_write_seconds_count\{tier="history",outcome="ok"\} \d+/);
  });
});

describe('cancelling', () => {
  it('stops a run mid-step; it ends cancelled with run_failed, and a second cancel answers 409', async () => {
    const thread = await newThread(owner, orgId);
    const started = await startRun(owner, orgId, thread, `Hold on ${pipeline.holdText('data_helper')}`);
    await pipeline.reached(started.id);
    const cancel = await call(owner, 'POST', `/api/v1/orgs/${orgId}/runs/${started.id}/cancel`, runSchema);
    expect(cancel.status).toBe(202);
    const run = await ended(owner, orgId, started.id);
    expect(run).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' }, report_id: null });
    const events = await allEvents(owner, orgId, run.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(events.at(-1)).toMatchObject({ type: 'run_failed', payload: { code: 'cancelled' } });
    expect(events.some((event) => event.type === 'final_report')).toBe(false);
    const again = await call(owner, 'POST', `/api/v1/orgs/${orgId}/runs/${run.id}/cancel`, anyBody);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'run_ended' } } });
  });
});

describe('per-organization concurrency', () => {
  it('keeps the third run of an organization queued while two execute, then runs it', async () => {
    const busy = await auth.register('run-busy');
    const org = await personalOrg(busy);
    const thread = await newThread(busy, org);
    const runs: Run[] = [];
    for (const label of ['one', 'two', 'three']) {
      runs.push(await startRun(busy, org, thread, `Run ${label} ${pipeline.holdText('triage')}`));
    }
    const running = await waitUntil('two runs to execute', async () => {
      const states = await Promise.all(runs.map((run) => getRun(busy, org, run.id)));
      return states.filter((run) => run.status === 'running').length === 2 ? states : undefined;
    });
    const waiting = running.filter((run) => run.status === 'queued');
    expect(waiting).toHaveLength(1);
    for (const run of runs) {
      pipeline.release(run.id);
    }
    const finished = await Promise.all(runs.map((run) => ended(busy, org, run.id)));
    expect(finished.map((run) => run.status)).toEqual(['completed', 'completed', 'completed']);
  });
});

describe('tenancy', () => {
  it('answers 404 for another organization’s runs and threads', async () => {
    const thread = await newThread(owner, orgId);
    const run = await startRun(owner, orgId, thread, 'Mine');
    await ended(owner, orgId, run.id);
    expect(
      (await call(stranger, 'GET', `/api/v1/orgs/${strangerOrgId}/runs/${run.id}`, anyBody)).status,
    ).toBe(404);
    expect(
      (await call(stranger, 'POST', `/api/v1/orgs/${strangerOrgId}/runs/${run.id}/cancel`, anyBody)).status,
    ).toBe(404);
    expect(
      (await call(stranger, 'GET', `/api/v1/orgs/${strangerOrgId}/runs/${run.id}/events`, anyBody)).status,
    ).toBe(404);
    const foreign = await call(
      stranger,
      'POST',
      `/api/v1/orgs/${strangerOrgId}/threads/${thread}/runs`,
      anyBody,
      {
        text: 'Not mine',
      },
    );
    expect(foreign.status).toBe(404);
    expect((await call(stranger, 'GET', `/api/v1/orgs/${orgId}/runs/${run.id}`, anyBody)).status).toBe(404);
  });
});
