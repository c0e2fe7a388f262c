/**
 * A run through the composed worker role: the real agents (no LLM), the reports module saving the
 * report, on an organization with no usage yet (the guidance route) — the wiring of composition.ts.
 * @module
 */
import { createLogger } from '@netra/shared/server';
import { fileRedisNamespace } from '@netra/test-framework/stores';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorker } from '#composition.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import type { JobWorker } from '#platform/runtime/worker.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import { RunsRepository } from './runs.repository.js';
import { waitUntil } from '#test-support/runs/wait.js';

let test: BackendTestApp;
let worker: JobWorker;
let actor: OrgPrincipal;

beforeAll(async () => {
  test = await startBackendTestApp({ REDIS_NAMESPACE: fileRedisNamespace('runs-agents') });
  worker = await startWorker(test.backend, createLogger({ service: 'backend', level: 'silent' }));
  const person = await testPerson(test, 'agents-run');
  const org = await test.backend.services.organizations.create(person, { name: 'Agents run' });
  actor = { ...person, orgId: org.id, role: 'member' };
}, 120_000);

afterAll(async () => {
  await worker.close();
  await test.close();
});

it('answers a question with the real agents and saves the report through the reports module', async () => {
  const { runs, threads, reports } = test.backend.services;
  const thread = await threads.create(actor, 'Costs');
  const started = await runs.start(
    actor,
    thread.id,
    'We spend about $5000 a month on GPT-4o. How do we cut it?',
  );
  const repository = new RunsRepository(test.backend.stores.postgres.db);
  const run = await waitUntil(
    'the run to end',
    async () => {
      const row = await repository.findById(started.id);
      return row?.endedAt === null ? undefined : row;
    },
    120_000,
  );
  expect(run).toMatchObject({ status: 'completed', error: null });
  expect(run).toMatchObject({
    workflow: 'insufficient',
    agents: ['triage', 'data_sufficiency', 'data_helper', 'reporting'],
    state: { failures: [] },
  });
  const report = await reports.get(actor.orgId, run.reportId ?? '');
  expect(report).toMatchObject({
    run_id: run.id,
    thread_id: thread.id,
    created_at: run.createdAt.toISOString(),
  });
  const events = await repository.eventsAfter(run.id, -1, 10_000);
  expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
  expect(events.at(-1)?.type).toBe('run_completed');
}, 180_000);
