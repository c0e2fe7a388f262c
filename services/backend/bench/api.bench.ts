/**
 * `npm run bench -- api [--stores embedded|server] [--duration 30] [--rate 500] [--connections 20]
 * [--events 1000000] [--threads 200] [--cpu-prof <dir>]`: the REST API under a fixed request rate.
 * Starts the auth service and the backend as processes — on the PostgreSQL and Redis servers as in
 * production (`server`, the default when both answer on 127.0.0.1) or on embedded stores — signs a
 * person up, ingests `events` usage events into their organization and
 * gives it `threads` threads, then loads `GET /health/live`, `GET /api/v1/me` and
 * `GET /api/v1/orgs/:org_id/threads` one after the other with autocannon and prints requests, rate
 * achieved, p50/p99/max latency, errors and non-2xx answers per route, and whether the target
 * (p99 < 100 ms and no errors, with the rate held) was met. Timings never fail the bench; a broken
 * setup or a request that errors or is answered non-2xx does (exit 1). A second table says where the
 * CPU went: milliseconds per request of the backend, the auth service, PostgreSQL's sessions and the
 * Redis server (server mode) and the load generator itself. `--cpu-prof` writes the
 * backend's CPU profile (`node --cpu-prof`) into the directory when it stops.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { failedRequests, measure, table, warmUp, type LoadFigures, type LoadTarget } from './api-load.js';
import { cpuTable, cpuUsedBetween, ownCpuMs, processCpuMs, type CpuTimes, type RouteCpu } from './api-cpu.js';
import {
  prepareBenchStores,
  serversAnswer,
  type BenchStoreMode,
  type BenchStores,
} from '../src/test-support/bench-stores.js';
import { parseBenchOptions } from '@netra/test-framework/bench';
import { startApiBenchSystem, type ApiBenchSystem } from './api-system.js';

const TARGET_P99_MS = 100;
/** autocannon's per-second budgets land a little off the rate; below this share the server fell behind. */
const RATE_HELD_SHARE = 0.95;

const count = z.coerce.number().int().positive();
const optionsSchema = z
  .object({
    duration: count.default(30),
    rate: count.default(500),
    connections: count.default(20),
    events: count.default(1_000_000),
    threads: count.default(200),
    stores: z.enum(['embedded', 'server']).optional(),
    'cpu-prof': z.string().min(1).optional(),
  })
  .strict();
type Options = z.infer<typeof optionsSchema>;
type Shape = { rate: number; durationS: number; connections: number };

const USAGE =
  'usage: npm run bench -- api [--stores embedded|server] [--duration 30] [--rate 500] [--connections 20] ' +
  '[--events 1000000] [--threads 200] [--cpu-prof <dir>]';

function parseOptions(argv: readonly string[]): Options | undefined {
  return parseBenchOptions(optionsSchema, argv, USAGE);
}

function targetsOf(system: ApiBenchSystem): { baseline: LoadTarget; api: LoadTarget[] } {
  const { backendUrl, token, orgId } = system;
  return {
    baseline: { label: 'GET /health/live', url: `${backendUrl}/health/live` },
    api: [
      { label: 'GET /api/v1/me', url: `${backendUrl}/api/v1/me`, token },
      {
        label: 'GET /api/v1/orgs/:org_id/threads',
        url: `${backendUrl}/api/v1/orgs/${orgId}/threads`,
        token,
      },
    ],
  };
}

/** Other work on the machine shares its two cores with the services and the load generator. */
function machineLoad(): string {
  const [oneMinute = 0, fiveMinutes = 0] = loadavg();
  return `load average ${oneMinute.toFixed(1)} (1 min), ${fiveMinutes.toFixed(1)} (5 min) on ${availableParallelism()} cores`;
}

function verdict(figures: LoadFigures, shape: Shape): string {
  const failed = failedRequests(figures);
  const rateHeld = figures.rps >= RATE_HELD_SHARE * shape.rate;
  const met = figures.p99Ms < TARGET_P99_MS && failed === 0 && rateHeld;
  const statuses = Object.entries(figures.statuses)
    .map(([status, answers]) => `${status}×${answers}`)
    .join(', ');
  const detail = `p99 ${figures.p99Ms.toFixed(1)} ms, ${failed} failed, ${figures.rps.toFixed(0)} of ${shape.rate} req/s achieved; statuses ${statuses}`;
  return `  ${figures.label.padEnd(34)} ${met ? 'met' : 'NOT met'} (${detail})\n`;
}

interface Measured {
  figures: LoadFigures[];
  cpu: RouteCpu[];
}

async function cpuSnapshot(system: ApiBenchSystem, stores: BenchStores): Promise<CpuTimes> {
  const services = { backend: processCpuMs(system.pids.backend), auth: processCpuMs(system.pids.auth) };
  const known = Object.entries(services).filter((entry): entry is [string, number] => entry[1] !== undefined);
  return { ...Object.fromEntries(known), ...(await stores.cpuTimes()), 'load generator': ownCpuMs() };
}

async function run(system: ApiBenchSystem, stores: BenchStores, shape: Shape): Promise<Measured> {
  const { baseline, api } = targetsOf(system);
  const measured: Measured = { figures: [], cpu: [] };
  for (const target of [baseline, ...api]) {
    const warm = await warmUp(target, shape);
    if (failedRequests(warm) > 0) {
      throw new Error(`warm-up of ${target.label} failed: ${JSON.stringify(warm)}`);
    }
    process.stdout.write(`  measuring ${target.label} for ${shape.durationS} s…\n`);
    const before = await cpuSnapshot(system, stores);
    const figures = await measure(target, shape);
    const used = cpuUsedBetween(before, await cpuSnapshot(system, stores));
    measured.figures.push(figures);
    measured.cpu.push({
      label: target.label,
      requests: figures.requests,
      durationS: figures.requests / figures.rps,
      used,
    });
  }
  return measured;
}

/** The stores asked for, else `server` when both servers answer (as production runs), else embedded. */
async function chooseStores(
  asked: BenchStoreMode | undefined,
): Promise<{ mode: BenchStoreMode; why: string } | undefined> {
  const available = await serversAnswer();
  if (asked === 'server' && !available) {
    process.stderr.write(
      'error: --stores server needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379\n',
    );
    return undefined;
  }
  if (asked !== undefined) {
    return { mode: asked, why: 'as asked' };
  }
  return available
    ? { mode: 'server', why: 'default: PostgreSQL and Redis answer on 127.0.0.1, as production runs' }
    : { mode: 'embedded', why: 'default: no PostgreSQL and Redis on 127.0.0.1' };
}

function printHeader(options: Options, stores: BenchStores, why: string): void {
  process.stdout.write(
    `bench api: ${options.rate} requests/s for ${options.duration} s per route over ${options.connections} connections; ` +
      `${options.events.toLocaleString('en-US')} events ingested, ${options.threads} threads; auth service and ` +
      `backend as processes, LOG_LEVEL=warn; node ${process.version}\n` +
      `  stores: ${stores.mode} (${why}): ${stores.description}\n` +
      `  machine at start: ${machineLoad()}\n\n`,
  );
}

/** Prints the tables and the verdicts; the exit code says whether every request succeeded. */
function report(measured: Measured, shape: Shape): number {
  const rows = measured.figures;
  process.stdout.write(`\n${table(rows)}\n${cpuTable(measured.cpu)}`);
  process.stdout.write(`\n  machine at end (this bench included): ${machineLoad()}\n\n`);
  process.stdout.write(
    `target: p99 < ${TARGET_P99_MS} ms and 0 errors while holding ${shape.rate} req/s (≥ ${RATE_HELD_SHARE * 100} % of it)\n`,
  );
  process.stdout.write(
    rows
      .slice(1)
      .map((figures) => verdict(figures, shape))
      .join(''),
  );
  const failed = rows.reduce((sum, figures) => sum + failedRequests(figures), 0);
  if (failed > 0) {
    process.stderr.write(`\nerror: ${failed} requests errored or were answered non-2xx\n`);
    return 1;
  }
  return 0;
}

async function measureSystem(options: Options, stores: BenchStores, shape: Shape): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'netra-api-bench-'));
  try {
    const started = performance.now();
    const system = await startApiBenchSystem(root, {
      events: options.events,
      threads: options.threads,
      stores,
      cpuProfileDir: options['cpu-prof'],
    });
    const setupS = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`  set up (services started, events ingested, threads created) in ${setupS} s\n`);
    const measured = await run(system, stores, shape).finally(() => system.stop());
    return report(measured, shape);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Ctrl-C still removes the bench's database and Redis keys (the services get the SIGINT too). */
function releaseOnInterrupt(stores: BenchStores): () => void {
  const onInterrupt = () => {
    process.stderr.write('\ninterrupted: removing the bench database and Redis keys…\n');
    void stores.release().finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  return () => process.off('SIGINT', onInterrupt);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const choice = options === undefined ? undefined : await chooseStores(options.stores);
  if (options === undefined || choice === undefined) {
    return 2;
  }
  const shape = { rate: options.rate, durationS: options.duration, connections: options.connections };
  const stores = await prepareBenchStores(choice.mode);
  printHeader(options, stores, choice.why);
  const forget = releaseOnInterrupt(stores);
  try {
    return await measureSystem(options, stores, shape);
  } finally {
    forget();
    await stores.release();
  }
}

process.exitCode = await main();
