/**
 * `npm run bench -- runs [--events=1000000] [--stores=server|embedded] [--iterations=1000]
 * [--history-writes=20]`: an agent run end to end, and the latency of each of its three tiers.
 *
 * The backend is opened in process as production composes it: on the PostgreSQL and Redis servers of
 * this machine (`server`, the default: a throwaway database and a Redis namespace, both released
 * afterwards, see bench-stores) or on PGlite and the in-process hot tier (`embedded`); ClickHouse is
 * chdb in a temporary data directory in both. One organization gets `events` usage events straight
 * into ClickHouse (runs-workload), then a cost question is started on a thread through the runs
 * service and executed by the worker role with the real agents.
 *
 * Prints: the run's workflow and agents, its wall time from `start` until its end is seen (target
 * < 10 s) with the split per agent, the time of the engine alone (`analyzeUsage` over the run's own
 * scope: the floor the run cannot beat) and the ratio run / engine, the process's peak RSS; then, measured directly with the
 * runs module's own classes on the same stores after a warm-up, `iterations` Redis hot-state writes
 * of the finished run's snapshot (p99 < 50 ms) and reads (p99 < 20 ms), PostgreSQL checkpoints of
 * its state under a held lease (p99 < 500 ms), and `history-writes` ClickHouse history writes of
 * the run (max < 2 s). A missed target prints FAIL and still exits 0; only errors exit non-zero.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeUsage, createPriceCatalog } from '@netra/optimizer';
import { newId } from '@netra/shared';
import { ENDED_RUN_STATUSES } from '@netra/shared/contracts';
import { createLogger, IsolatedEnvironment } from '@netra/shared/server';
import { z } from 'zod';
import { openBackend, startWorker, type Backend } from '#composition.js';
import { loadBackendConfig } from '#config.js';
import { analysisScope } from '#modules/agents/optimization/optimization.agent.js';
import { workflowStateSchema } from '#modules/agents/workflow-state.js';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { RunHistory, historyRows } from '#modules/runs/run-history.js';
import { RunsRepository } from '#modules/runs/runs.repository.js';
import type { RunRow } from '#modules/runs/runs.tables.js';
import { prepareBenchStores, type BenchStores } from '#test-support/bench-stores.js';
import { measureTiers, printTiers } from './runs-tiers.js';
import { insertRunsBenchEvents, RUNS_BENCH_DAYS } from './runs-workload.js';

const COST_MESSAGE =
  "Help me reduce my AI costs by 30% while maintaining quality. I'm spending $5000/month on GPT-4.";
const TARGET_RUN_S = 10;
const POLL_MS = 25;
const RUN_TIMEOUT_MS = 15 * 60_000;
const WORKER_ID = 'bench-runs-worker';

const count = z.coerce.number().int().positive();
const options = z
  .object({
    events: count.default(1_000_000),
    stores: z.enum(['server', 'embedded']).default('server'),
    iterations: count.default(1_000),
    'history-writes': count.default(20),
  })
  .strict()
  .parse(
    Object.fromEntries(
      process.argv.slice(2).map((arg) => {
        const [name = '', value] = arg.replace(/^--/, '').split('=', 2);
        return [name, value];
      }),
    ),
  );

const print = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface BenchOrg {
  actor: OrgPrincipal;
  threadId: string;
}

/** A person (as the guard records a first visit), their organization and a thread. */
async function createOrganization(backend: Backend): Promise<BenchOrg> {
  const { users, organizations, threads } = backend.services;
  const principal = { userId: newId(), email: 'bench@runs.example', name: 'Runs Bench', tokenId: 'bench' };
  await users.recordVisit(principal);
  const org = await organizations.create(principal, { name: 'Runs bench' });
  const actor: OrgPrincipal = { ...principal, orgId: org.id, role: 'owner' };
  const thread = await threads.create(actor, 'Cost review');
  return { actor, threadId: thread.id };
}

async function waitForEnd(backend: Backend, orgId: string, runId: string): Promise<RunRow> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const run = await backend.services.runs.get(orgId, runId);
    if ((ENDED_RUN_STATUSES as readonly string[]).includes(run.status)) {
      return run;
    }
    if (Date.now() > deadline) {
      throw new Error(`run ${runId} did not end within ${RUN_TIMEOUT_MS / 60_000} minutes`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Starts the cost question and waits for the run's end; the wall time runs from `start` to the end seen. */
async function timedRun(backend: Backend, org: BenchOrg): Promise<{ run: RunRow; wallMs: number }> {
  const started = performance.now();
  const created = await backend.services.runs.start(org.actor, org.threadId, COST_MESSAGE);
  const run = await waitForEnd(backend, org.actor.orgId, created.id);
  const wallMs = performance.now() - started;
  if (run.status !== 'completed') {
    throw new Error(`the run ended ${run.status}: ${JSON.stringify(run.error)}`);
  }
  return { run, wallMs };
}

/** The run's time per step (checkpoint to checkpoint), as its history rows record it. */
async function printSplit(repository: RunsRepository, run: RunRow): Promise<void> {
  const [checkpoints, counts] = await Promise.all([
    repository.checkpoints(run.id),
    repository.eventCounts(run.id),
  ]);
  const started = run.startedAt ?? run.createdAt;
  print(`  queued → claimed by the worker           ${seconds(started.getTime() - run.createdAt.getTime())}`);
  for (const row of historyRows(run, checkpoints, counts, new Date())) {
    print(`  ${String(row.agent).padEnd(40)} ${seconds(Number(row.duration_ms))}   (${row.events} events)`);
  }
  const last = checkpoints.at(-1)?.createdAt ?? started;
  const ended = run.endedAt ?? last;
  print(`  last checkpoint → ended (report, answer) ${seconds(ended.getTime() - last.getTime())}`);
  print(`  created → ended (PostgreSQL's clock)     ${seconds(ended.getTime() - run.createdAt.getTime())}`);
}

/** The engine alone over the scope the run analyzed: the floor of the run's time. */
async function timeEngine(backend: Backend, run: RunRow): Promise<number> {
  const state = workflowStateSchema.parse(run.state ?? {});
  const scope = state.sufficiency?.scope ?? { from: null, to: null };
  const started = performance.now();
  await analyzeUsage(backend.usageAnalysis, {
    scope: analysisScope(run.orgId, scope),
    catalog: createPriceCatalog(),
    now: () => run.createdAt,
  });
  return performance.now() - started;
}

async function seed(backend: Backend, org: BenchOrg): Promise<void> {
  const started = performance.now();
  await insertRunsBenchEvents(
    backend.stores.clickhouse,
    org.actor.orgId,
    createPriceCatalog(),
    options.events,
  );
  print(
    `${options.events.toLocaleString('en-US')} events over ${RUNS_BENCH_DAYS} days stored in ClickHouse ` +
      `in ${seconds(performance.now() - started)} (peak RSS so far ${peakRss()})\n`,
  );
}

/**
 * The process's high-water mark: the backend runs in this process, so it is the bench's too. It
 * only grows, so the figure after the run says whether the run went past what seeding took.
 */
function peakRss(): string {
  return `${((process.resourceUsage().maxRSS * 1024) / 1e9).toFixed(2)} GB`;
}

/** The history is written after the run's end is stored: wait for its rows. */
async function historySteps(backend: Backend, repository: RunsRepository, run: RunRow) {
  const history = new RunHistory(backend.stores.clickhouse, repository);
  const deadline = Date.now() + 30_000;
  let steps = await history.stepsOf(run.orgId, run.id);
  while (steps.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    steps = await history.stepsOf(run.orgId, run.id);
  }
  return steps;
}

async function endToEnd(backend: Backend, org: BenchOrg): Promise<RunRow> {
  const { run, wallMs } = await timedRun(backend, org);
  const repository = new RunsRepository(backend.stores.postgres.db);
  print(`run ${run.id}: ${run.status}, workflow ${run.workflow ?? 'none'}, agents ${run.agents.join(' → ')}`);
  const verdict = wallMs < TARGET_RUN_S * 1000 ? 'PASS' : 'FAIL';
  print(
    `end-to-end wall time (start → end seen)   ${seconds(wallMs)}   target < ${TARGET_RUN_S} s   ${verdict}`,
  );
  await printSplit(repository, run);
  const engineMs = await timeEngine(backend, run);
  print(
    `engine alone (analyzeUsage, same scope)   ${seconds(engineMs)}   run / engine ×${(wallMs / engineMs).toFixed(2)}`,
  );
  print(`peak RSS of the process after the run (backend, worker and bench)   ${peakRss()}`);
  const steps = await historySteps(backend, repository, run);
  print(`run_history rows of the run: ${steps.length} (${steps.map((step) => step.worker).join(', ')})\n`);
  return run;
}

async function bench(backend: Backend): Promise<void> {
  const logger = createLogger({ service: 'backend', level: 'warn' });
  const org = await createOrganization(backend);
  await seed(backend, org);
  const worker = await startWorker(backend, logger);
  let run: RunRow;
  try {
    run = await endToEnd(backend, org);
  } finally {
    await worker.close();
  }
  const tiers = await measureTiers(backend, run, {
    iterations: options.iterations,
    historyWrites: options['history-writes'],
  });
  printTiers(tiers);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'netra-runs-bench-'));
  let stores: BenchStores | undefined;
  let backend: Backend | undefined;
  try {
    stores = await prepareBenchStores(options.stores);
    const [oneMinute = 0] = loadavg();
    print(`bench runs: ${stores.description}; load average ${oneMinute.toFixed(1)}; node ${process.version}`);
    const env = IsolatedEnvironment.isolated({
      ENVIRONMENT: 'test',
      NETRA_DATA_DIR: root,
      LOG_LEVEL: 'warn',
      RUN_WORKER_ID: WORKER_ID,
      ...stores.backend,
    });
    backend = await openBackend(loadBackendConfig(env));
    await bench(backend);
  } finally {
    await backend?.close();
    await stores?.release();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
