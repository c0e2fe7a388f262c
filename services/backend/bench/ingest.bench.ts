/**
 * `npm run bench -- ingest`: end-to-end ingestion through `POST /api/v1/ingest/events` (HTTP →
 * validate → price → stored in ClickHouse, acknowledged only when durable) against a real backend
 * process on embedded stores, next to the raw insert rate of the same rows straight into the store,
 * measured in the same run. Prints figures only.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsolatedEnvironment } from '@netra/shared/server';
import { benchBodies } from './ingest-workload.js';
import { rawInsertRate } from './raw-insert.js';

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]),
);
const TOTAL = Number(args.get('events') ?? 500_000);
const PER_REQUEST = Number(args.get('batch') ?? 10_000);
const CONCURRENCY = Number(args.get('concurrency') ?? 4);
const BACKEND_MAIN = new URL('../src/main.ts', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

async function startBackend(dataDir: string, port: number): Promise<ChildProcess> {
  const env = IsolatedEnvironment.fromProcess({ dotenv: false }).withOverrides({
    ENVIRONMENT: 'development',
    NETRA_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    INGEST_REQUESTS_PER_MIN: '1000000',
    // The bench measures ingestion alone: no demo workload in the development organization.
    DEMO_DATA_ON_FIRST_START: 'false',
    INGEST_BATCH_ROWS: args.get('batch-rows') ?? '20000',
    INGEST_FLUSH_MS: args.get('flush-ms') ?? '200',
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    CLICKHOUSE_URL: undefined,
  });
  const profile = args.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${args.get('profile') ?? ''}`] : [];
  const v8 = [
    // The same V8 settings the dev launcher uses (BACKEND_NODE_FLAGS).
    `--max-semi-space-size=${args.get('semi-space') ?? '16'}`,
    `--v8-pool-size=${args.get('v8-pool') ?? String(Math.min(4, availableParallelism()))}`,
    ...(args.has('v8') ? (args.get('v8') ?? '').split(' ') : []),
  ];
  const child = spawn(
    process.execPath,
    [...v8, ...profile, '--conditions=source', '--import', 'tsx', BACKEND_MAIN],
    {
      env: env.toRecord(),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
    if (ready?.ok === true) {
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the backend did not become ready');
}

/** CPU seconds (user + system) in a Linux stat file (process or thread); undefined elsewhere. */
function cpuOf(statFile: string): number | undefined {
  try {
    const fields = readFileSync(statFile, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the stat file, in clock ticks (100 per second on Linux).
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    return Number.isFinite(seconds) ? seconds : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of the whole process (all threads) and of its main (JavaScript) thread. */
function cpuSeconds(pid: number | undefined): { total: number; main: number } | undefined {
  const total = cpuOf(`/proc/${pid ?? 0}/stat`);
  const main = cpuOf(`/proc/${pid ?? 0}/task/${pid ?? 0}/stat`);
  return total === undefined || main === undefined ? undefined : { total, main };
}

interface Sent {
  accepted: number;
  latenciesMs: number[];
}

async function send(url: string, key: string, bodies: Buffer[]): Promise<Sent> {
  const sent: Sent = { accepted: 0, latenciesMs: [] };
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < bodies.length; index = next++) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: bodies[index],
      });
      const body = (await response.json()) as { accepted?: number };
      if (response.status !== 200) {
        throw new Error(`ingest answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      sent.accepted += body.accepted ?? 0;
      sent.latenciesMs.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return sent;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(48)} ${value}\n`);
}

interface CpuPerEvent {
  totalUs: number;
  mainUs: number;
}

async function endToEnd(
  dataDir: string,
): Promise<{ rate: number; sent: Sent; cpu: CpuPerEvent | undefined; clientUs: number }> {
  const port = await freePort();
  const backend = await startBackend(dataDir, port);
  try {
    const key = readFileSync(join(dataDir, 'backend', 'dev-api-key'), 'utf8').trim();
    const url = `http://127.0.0.1:${port}/api/v1/ingest/events`;
    await send(url, key, benchBodies('warmup', PER_REQUEST * 2, PER_REQUEST));
    const bodies = benchBodies('e2e', TOTAL, PER_REQUEST);
    const cpuBefore = cpuSeconds(backend.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const sent = await send(url, key, bodies);
    const client = process.cpuUsage(clientBefore);
    const rate = TOTAL / ((performance.now() - started) / 1000);
    const cpuAfter = cpuSeconds(backend.pid);
    const cpu =
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : {
            totalUs: ((cpuAfter.total - cpuBefore.total) * 1e6) / TOTAL,
            mainUs: ((cpuAfter.main - cpuBefore.main) * 1e6) / TOTAL,
          };
    return { rate, sent, cpu, clientUs: (client.user + client.system) / TOTAL };
  } finally {
    backend.kill('SIGTERM');
    await new Promise((resolve) => backend.once('exit', resolve));
  }
}

const root = mkdtempSync(join(tmpdir(), 'netra-ingest-bench-'));
try {
  process.stdout.write(
    `bench ingest: ${TOTAL.toLocaleString('en-US')} events, ${PER_REQUEST.toLocaleString('en-US')} per request, ${CONCURRENCY} concurrent requests; embedded stores (chdb, PGlite); node ${process.version}\n\n`,
  );
  const e2e = await endToEnd(join(root, 'e2e'));
  const raw = await rawInsertRate(join(root, 'raw'), TOTAL);
  line(
    'end to end (HTTP → validate → price → stored)',
    `${Math.round(e2e.rate).toLocaleString('en-US')} events/s`,
  );
  line('  accepted', `${e2e.sent.accepted.toLocaleString('en-US')} of ${TOTAL.toLocaleString('en-US')}`);
  line(
    '  request latency p50 / p99',
    `${percentile(e2e.sent.latenciesMs, 50).toFixed(0)} ms / ${percentile(e2e.sent.latenciesMs, 99).toFixed(0)} ms`,
  );
  if (e2e.cpu !== undefined) {
    const other = e2e.cpu.totalUs - e2e.cpu.mainUs;
    line(
      '  backend CPU per event',
      `${e2e.cpu.totalUs.toFixed(1)} µs (JS thread ${e2e.cpu.mainUs.toFixed(1)}, ClickHouse and other threads ${other.toFixed(1)})`,
    );
  }
  line('  load generator CPU per event (same machine)', `${e2e.clientUs.toFixed(1)} µs`);
  line(
    'raw insert of the same rows into the store',
    `${Math.round(raw.rate).toLocaleString('en-US')} rows/s (${raw.batchRows.toLocaleString('en-US')}-row inserts)`,
  );
  line('end to end / raw insert', `${(e2e.rate / raw.rate).toFixed(2)}×`);
  line('target', '≥ 100,000 events/s end to end and ≥ 0.5× raw');
} finally {
  rmSync(root, { recursive: true, force: true });
}
