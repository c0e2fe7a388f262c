/**
 * A worker process dies in the middle of an agent run (SIGKILL: no shutdown hook runs). A second
 * worker on the same stores takes the run over once its lease expires, resumes from the last
 * PostgreSQL checkpoint, and ends with the report an uninterrupted run gives, while the run's
 * stored events count 0, 1, 2… with no gap and no repeat.
 * @module
 */
import type { RunEvent, RunReport } from '@netra/shared/contracts';
import { serviceTestEnvironment, tempDataDir } from '@netra/test-framework/stores';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture } from '#test-support/auth-service.js';
import { PlatformClient } from '#test-support/platform-client.js';
import { generatePlantedWorkload } from '#test-support/planted/planted-workload.js';

const MESSAGE = 'Help me reduce my AI costs by 30% while maintaining quality.';
/** Long enough for a loaded machine's pauses, short enough to keep the test quick. */
const LEASE_MS = '3000';

let auth: AuthServiceFixture;
let environment: ReturnType<typeof serviceTestEnvironment>;
const running: RunningService[] = [];

async function startBackend(): Promise<RunningService> {
  const backend = await startServiceProcess({ service: 'backend', environment });
  running.push(backend);
  return backend;
}

function sigkill(backend: RunningService): Promise<void> {
  return new Promise((resolve) => {
    const pid = backend.pid ?? 0;
    process.kill(pid, 'SIGKILL');
    const poll = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

/** What must be the same between two runs of the same question: everything but ids and times. */
function comparable(report: RunReport) {
  const { generated_at: _generated, ...analysis } = report.analysis;
  return {
    tier: report.tier,
    summary: report.summary,
    analysis,
    findings: report.findings,
    action_plan: report.action_plan,
    data_request: report.data_request,
    caveats: report.caveats,
  };
}

function shape(events: readonly RunEvent[]): string[] {
  return events.map((event) => `${event.type}:${event.agent}`);
}

beforeAll(async () => {
  auth = await startAuthService();
  environment = serviceTestEnvironment({
    dataDir: tempDataDir('run-crash'),
    overrides: { AUTH_SERVICE_URL: auth.url, LOG_LEVEL: 'warn', RUN_LEASE_MS: LEASE_MS },
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((backend) => backend.stop()));
  await auth.stop();
});

describe('a run whose worker is killed', () => {
  it('is finished by another worker with the same report and an unbroken event sequence', async () => {
    const first = await startBackend();
    const client = new PlatformClient(first.url, await auth.register('crash'));
    const orgId = await client.personalOrg();
    await client.ingest(orgId, generatePlantedWorkload({ events: 30_000 }).events);
    const run = await client.startRun(orgId, await client.newThread(orgId), MESSAGE);

    await expect
      .poll(async () => shape(await client.events(orgId, run.id)), { timeout: 120_000, interval: 50 })
      .toContain('agent_started:data');
    await sigkill(first);

    const second = await startBackend();
    client.moveTo(second.url);
    const beforeTakeover = await client.events(orgId, run.id);
    expect(shape(beforeTakeover)).not.toContain('run_completed:reporting');
    const ended = await client.ended(orgId, run.id);
    expect(ended.status).toBe('completed');
    const events = await client.events(orgId, run.id);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index));
    expect(events.length).toBeGreaterThan(beforeTakeover.length);

    const reference = await client.startRun(orgId, await client.newThread(orgId), MESSAGE);
    const referenceRun = await client.ended(orgId, reference.id);
    expect(referenceRun.status).toBe('completed');
    const referenceEvents = await client.events(orgId, reference.id);
    expect(shape(events)).toEqual(shape(referenceEvents));
    const [resumed, uninterrupted] = await Promise.all([
      client.report(orgId, ended.report_id ?? ''),
      client.report(orgId, referenceRun.report_id ?? ''),
    ]);
    expect(resumed.tier).toBe('full');
    expect(comparable(resumed)).toEqual(comparable(uninterrupted));
  }, 600_000);
});
