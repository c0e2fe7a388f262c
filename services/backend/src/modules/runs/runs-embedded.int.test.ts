/**
 * Runs in embedded mode's hot tier: the in-process job queue and hot store (no Redis), the same
 * executor; the run completes and its hot state and stream are in the in-process store.
 * @module
 */
import { createLogger } from '@netra/shared/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';
import { runEventsKey, runStateKey } from './hot-run-tier.js';
import { RunsRepository } from './runs.repository.js';
import { startRunsWorker, type RunsWorker } from './runs-wiring.js';
import { ScriptedPipeline } from '#test-support/runs/scripted-pipeline.js';
import { waitUntil } from '#test-support/runs/wait.js';

let test: BackendTestApp;
let worker: RunsWorker;
let actor: OrgPrincipal;

beforeAll(async () => {
  test = await startBackendTestApp({ REDIS_URL: undefined });
  const logger = createLogger({ service: 'backend', level: 'silent' });
  worker = startRunsWorker(test.backend, logger, { pipeline: new ScriptedPipeline() });
  const person = await testPerson(test, 'embedded-runs');
  const org = await test.backend.services.organizations.create(person, { name: 'Embedded runs' });
  actor = { ...person, orgId: org.id, role: 'member' };
}, 120_000);

afterAll(async () => {
  await worker.close();
  await test.close();
});

it('executes a run on the in-process queue, with its hot copy in the in-process store', async () => {
  expect(test.backend.runsQueue.mode).toBe('embedded');
  const { runs, threads } = test.backend.services;
  const thread = await threads.create(actor, 'Embedded');
  const started = await runs.start(actor, thread.id, 'What would batching save?');
  const repository = new RunsRepository(test.backend.stores.postgres.db);
  const run = await waitUntil('the run to complete', async () => {
    const row = await repository.findById(started.id);
    return row?.status === 'completed' ? row : undefined;
  });
  const hot = test.backend.stores.redis;
  const stream = await hot.streamRange(runEventsKey(run.id));
  expect(stream.map((entry) => Number(entry.fields.seq))).toEqual(
    Array.from({ length: run.lastSeq + 1 }, (_value, index) => index),
  );
  const state = JSON.parse((await hot.get(runStateKey(run.id))) ?? '{}') as Record<string, unknown>;
  expect(state).toMatchObject({ status: 'completed', last_seq: run.lastSeq });
});
