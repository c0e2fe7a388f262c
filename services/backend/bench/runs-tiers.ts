/**
 * The runs benchmark's tier latencies, measured with the runs module's own classes on the backend's
 * stores, each after a warm-up: the Redis hot-state write and read of a finished run's snapshot, the
 * PostgreSQL checkpoint transaction of its state under a held lease, and the ClickHouse history write
 * of its steps (into a scratch organization, so the run's own history rows stay as the run wrote them).
 * @module
 */
import type { Backend } from '#composition.js';
import type { HotRunSnapshot } from '#modules/runs/hot-run-tier.js';
import { RunHistory } from '#modules/runs/run-history.js';
import { RunsRepository, type CheckpointWrite } from '#modules/runs/runs.repository.js';
import { hotRunTier, runSettingsOf } from '#modules/runs/runs-wiring.js';
import type { RunRow } from '#modules/runs/runs.tables.js';

const CHECKPOINT_WORKER = 'bench-checkpoint-worker';
/** Far longer than the checkpoints take, so the lease never lapses mid-measurement. */
const CHECKPOINT_LEASE_MS = 60 * 60_000;
const HISTORY_SCRATCH_ORG = 'bench-runs-history-scratch';

export interface TierFigures {
  name: string;
  samples: number;
  p50Ms: number;
  /** p99, or the maximum when `byMax`. */
  tailMs: number;
  byMax: boolean;
  targetMs: number;
  detail: string;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Times `iterations` calls after `warmUp` untimed ones; sorted milliseconds. */
async function timeCalls(
  warmUp: number,
  iterations: number,
  call: (index: number) => Promise<unknown>,
): Promise<number[]> {
  for (let index = 0; index < warmUp; index += 1) {
    await call(index);
  }
  const times: number[] = [];
  for (let index = warmUp; index < warmUp + iterations; index += 1) {
    const started = performance.now();
    await call(index);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function figures(
  name: string,
  times: readonly number[],
  target: { ms: number; byMax?: boolean },
  detail: string,
): TierFigures {
  const byMax = target.byMax ?? false;
  return {
    name,
    samples: times.length,
    p50Ms: percentile(times, 50),
    tailMs: byMax ? (times.at(-1) ?? Number.NaN) : percentile(times, 99),
    byMax,
    targetMs: target.ms,
    detail,
  };
}

/** The finished run's hot snapshot as the executor left it (rebuilt from PostgreSQL if it expired). */
async function finishedSnapshot(backend: Backend, run: RunRow): Promise<HotRunSnapshot> {
  const tier = hotRunTier(backend.stores.redis, runSettingsOf(backend.config), backend.metrics.registry);
  const stored = await tier.readState(run.id);
  if (stored !== null) {
    return JSON.parse(stored) as HotRunSnapshot;
  }
  return {
    run_id: run.id,
    status: run.status,
    current_agent: null,
    agents: run.agents,
    workflow: run.workflow,
    last_seq: run.lastSeq,
    state: run.state,
    updated_at: new Date().toISOString(),
  };
}

async function hotTier(backend: Backend, run: RunRow, iterations: number): Promise<TierFigures[]> {
  const tier = hotRunTier(backend.stores.redis, runSettingsOf(backend.config), backend.metrics.registry);
  const snapshot = { ...(await finishedSnapshot(backend, run)), run_id: `${run.id}-bench` };
  const bytes = Buffer.byteLength(JSON.stringify(snapshot));
  const warmUp = Math.ceil(iterations / 10);
  const writes = await timeCalls(warmUp, iterations, () => tier.writeState(snapshot));
  const reads = await timeCalls(warmUp, iterations, () => tier.readState(snapshot.run_id));
  const detail = `run:{id}:state, ${(bytes / 1024).toFixed(1)} KB snapshot`;
  return [
    figures('Redis hot-state write', writes, { ms: 50 }, detail),
    figures('Redis hot-state read', reads, { ms: 20 }, detail),
  ];
}

/** A second run on the same thread, claimed by a bench worker, so its checkpoints pass the lease fence. */
async function claimedScratchRun(repository: RunsRepository, run: RunRow): Promise<RunRow> {
  const scratch = await repository.create({
    orgId: run.orgId,
    threadId: run.threadId,
    createdBy: run.createdBy,
    text: run.text,
  });
  const claim = await repository.claim(scratch.id, CHECKPOINT_WORKER, CHECKPOINT_LEASE_MS, 1_000);
  if (claim.kind !== 'claimed') {
    throw new Error(`the scratch run could not be claimed (${claim.kind})`);
  }
  return claim.run;
}

/** The finished run's state checkpointed as step `stepIndex`, as the executor writes a step's. */
function checkpointOf(run: RunRow, stepIndex: number): CheckpointWrite {
  return {
    stepIndex,
    agent: 'optimization',
    state: run.state ?? {},
    lastSeq: run.lastSeq,
    planned: run.agents,
    nextAgent: 'actions',
    workflow: run.workflow,
  };
}

async function checkpointTier(backend: Backend, run: RunRow, iterations: number): Promise<TierFigures> {
  const repository = new RunsRepository(backend.stores.postgres.db);
  const scratch = await claimedScratchRun(repository, run);
  const write = (stepIndex: number) => checkpointOf(run, stepIndex);
  const times = await timeCalls(Math.ceil(iterations / 10), iterations, async (index) => {
    if (!(await repository.checkpoint(scratch.id, CHECKPOINT_WORKER, write(index)))) {
      throw new Error('the scratch run lost its lease');
    }
  });
  await repository.finish(scratch.id, CHECKPOINT_WORKER, { status: 'cancelled', error: null });
  const bytes = Buffer.byteLength(JSON.stringify(run.state ?? {}));
  return figures(
    'PostgreSQL checkpoint',
    times,
    { ms: 500 },
    `one row per step, ${(bytes / 1024).toFixed(1)} KB state`,
  );
}

async function historyTier(backend: Backend, run: RunRow, writes: number): Promise<TierFigures> {
  const repository = new RunsRepository(backend.stores.postgres.db);
  const history = new RunHistory(backend.stores.clickhouse, repository);
  let rows = 0;
  const times = await timeCalls(2, writes, async () => {
    rows = await history.write({ ...run, orgId: HISTORY_SCRATCH_ORG });
  });
  return figures('ClickHouse history write', times, { ms: 2_000, byMax: true }, `${rows} rows per run`);
}

export async function measureTiers(
  backend: Backend,
  run: RunRow,
  counts: { iterations: number; historyWrites: number },
): Promise<TierFigures[]> {
  return [
    ...(await hotTier(backend, run, counts.iterations)),
    await checkpointTier(backend, run, counts.iterations),
    await historyTier(backend, run, counts.historyWrites),
  ];
}

export function printTiers(tiers: readonly TierFigures[]): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`${'tier'.padEnd(26)}${'calls'.padStart(7)}${'p50 ms'.padStart(10)}${'tail ms'.padStart(14)}   target`);
  for (const tier of tiers) {
    const tail = `${tier.tailMs.toFixed(2)} ${tier.byMax ? 'max' : 'p99'}`;
    const verdict = tier.tailMs < tier.targetMs ? 'PASS' : 'FAIL';
    out(
      `${tier.name.padEnd(26)}${String(tier.samples).padStart(7)}${tier.p50Ms.toFixed(2).padStart(10)}` +
        `${tail.padStart(14)}   < ${tier.targetMs} ms ${verdict}   (${tier.detail})`,
    );
  }
}
