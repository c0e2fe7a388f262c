/**
 * `npm run bench -- analyze [--events=1000000] [--runs=N] [--keep]`: `netra analyze` end to end on a
 * generated, realistic canonical NDJSON file, run exactly as a user would (`bin/netra.js analyze
 * <file> --json --out report.json`) as a child process, compiled and bundled first as an installed
 * `netra` runs it. Each round runs the CLI and then the floor — chdb alone reading the same file and
 * computing the baseline cost by model, best of three reads — and prints both and their ratio. For
 * the median round: the wall time, the split between import and analysis stages (the CLI's own
 * timings), the peak RSS of the CLI process (the highest of all rounds), events per second, and
 * PASS/FAIL against the targets (< 10 s for 1,000,000 events; < 1.5 GB at any size).
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisReportSchema } from '@netra/shared/contracts';
import { IsolatedEnvironment } from '@netra/shared/server';
import { measureFloor, type FloorResult } from './analyze-floor.js';
import { writeWorkloadFile } from '../src/test-support/analyze-workload.js';

const args = new Map(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string | undefined]),
);
const TOTAL = Number(args.get('events') ?? 1_000_000);
/**
 * Rounds of (netra analyze, floor): this 2-core VM's speed drifts within minutes, so each round's
 * ratio compares runs made side by side, and the figures below are the median round's. Three by
 * default up to 1M events (~15 s a round), one beyond.
 */
const ROUNDS = Number(args.get('runs') ?? (TOTAL <= 1_000_000 ? 3 : 1));
/** The wall-time target holds for 1,000,000 events; larger files are judged by events per second. */
const TARGET_SECONDS = (10 * TOTAL) / 1_000_000;
const TARGET_RSS_BYTES = 1.5e9;
const LAUNCHER = fileURLToPath(new URL('../bin/netra.js', import.meta.url));
const BACKEND = fileURLToPath(new URL('..', import.meta.url));
const POLL_MS = 100;

interface CliTimings {
  setup_ms: number;
  import_ms: number;
  analysis_ms: number;
  stages_ms: Record<string, number>;
  output_ms: number;
  events: number;
  max_rss_bytes: number;
}

/** VmHWM (peak resident set) of one process in bytes, 0 once it is gone or off Linux. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** The process and all its descendants (the launcher runs the CLI in a child when unbuilt). */
function processTree(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      children.push(...listed.split(/\s+/).filter(Boolean).map(Number));
    }
  } catch {
    return [pid];
  }
  return [pid, ...children.flatMap(processTree)];
}

interface CliRun {
  code: number | null;
  seconds: number;
  peakRssBytes: number;
  stderr: string;
}

function runCli(file: string, out: string): Promise<CliRun> {
  const env = IsolatedEnvironment.fromProcess({ dotenv: false }).withOverrides({
    NETRA_ANALYZE_TIMINGS: '1',
    NO_COLOR: '1',
  });
  const started = performance.now();
  const child = spawn(process.execPath, [LAUNCHER, 'analyze', file, '--json', '--out', out], {
    env: env.toRecord(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let peak = 0;
  const poll = setInterval(() => {
    for (const pid of processTree(child.pid ?? 0)) {
      peak = Math.max(peak, peakRss(pid));
    }
  }, POLL_MS);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '  | '));
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearInterval(poll);
      resolve({ code, seconds: (performance.now() - started) / 1000, peakRssBytes: peak, stderr });
    });
  });
}

function cliTimings(stderr: string): CliTimings | undefined {
  const line = stderr.split('\n').find((text) => text.startsWith('netra-timings '));
  return line === undefined ? undefined : (JSON.parse(line.slice('netra-timings '.length)) as CliTimings);
}

function line(label: string, value: string): void {
  process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;

/** A round's peak resident set: polled, or the CLI's own figure when that is higher. */
const peakOf = ({ run, timings }: Round) => Math.max(run.peakRssBytes, timings?.max_rss_bytes ?? 0);

function printFigures(
  run: CliRun,
  timings: CliTimings | undefined,
  reportPath: string,
  peakOfRounds: number,
): void {
  line(
    'total wall time (launcher → exit)',
    `${run.seconds.toFixed(2)} s   target < ${TARGET_SECONDS} s   ${verdict(run.seconds < TARGET_SECONDS)}`,
  );
  if (timings !== undefined) {
    const startup =
      run.seconds * 1000 - timings.setup_ms - timings.import_ms - timings.analysis_ms - timings.output_ms;
    line('  process start, module loading, removing the store', seconds(startup));
    line('  chdb + migrations', seconds(timings.setup_ms));
    line(
      '  import (read → validate → price → insert)',
      `${seconds(timings.import_ms)} (${Math.round((timings.events * 1000) / timings.import_ms).toLocaleString('en-US')} events/s)`,
    );
    const stages = Object.entries(timings.stages_ms).map(([stage, ms]) => `${stage} ${seconds(ms)}`);
    line('  analysis', `${seconds(timings.analysis_ms)} (${stages.join(', ')})`);
    line('  report output', seconds(timings.output_ms));
  }
  line(
    'peak RSS (largest process: polled VmHWM / self-reported)',
    `${gigabytes(run.peakRssBytes)} / ${gigabytes(timings?.max_rss_bytes ?? 0)}; of all rounds ${gigabytes(peakOfRounds)}   target < 1.5 GB   ${verdict(peakOfRounds < TARGET_RSS_BYTES)}`,
  );
  line('events/s end to end', Math.round(TOTAL / run.seconds).toLocaleString('en-US'));
  const report = analysisReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
  line(
    'report',
    `${report.baseline.requests.toLocaleString('en-US')} requests, ${report.opportunities.length} opportunities, plan $${Math.round(report.plan.monthly_savings_usd).toLocaleString('en-US')}/month of $${Math.round(report.baseline.monthly_cost_usd).toLocaleString('en-US')} (${report.plan.savings_pct.toFixed(1)}%)`,
  );
}

interface Round {
  run: CliRun;
  timings: CliTimings | undefined;
  floor: FloorResult;
}

function printRounds(rounds: readonly Round[]): void {
  rounds.forEach(({ run, floor }, index) => {
    line(
      `round ${index + 1}: netra analyze / floor`,
      `${run.seconds.toFixed(2)} s / ${floor.seconds.toFixed(2)} s = ${(run.seconds / floor.seconds).toFixed(1)}x`,
    );
  });
}

function printFloor(median: Round): void {
  const { floor } = median;
  line(
    'floor: chdb alone reads the file, cost by model (best of 3)',
    `${floor.seconds.toFixed(2)} s (${floor.requests.toLocaleString('en-US')} requests, ${floor.models} models, $${Math.round(floor.baselineUsd).toLocaleString('en-US')})`,
  );
  line('Netra / floor', `${(median.run.seconds / floor.seconds).toFixed(1)}x`);
}

/** The round whose run took the median time (the slower middle one of an even count). */
function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.run.seconds - b.run.seconds);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median === undefined) {
    throw new Error('no rounds were run');
  }
  return median;
}

/**
 * Compiles the CLI into dist/ (tsconfig.build.json; tsconfig.json only typechecks) and bundles it
 * (scripts/bundle-cli.js), as `npm run build:cli` does for an installed `netra`: the launcher runs
 * the bundle when it is current. Unbuilt, every run would first transpile its sources through tsx.
 * Says how the CLI runs.
 */
function buildCli(): string {
  const started = performance.now();
  const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
  const compiled = runStep([tsc, '-b', 'tsconfig.build.json']);
  if (compiled !== undefined) {
    return `CLI build failed, running the sources through tsx: ${compiled}`;
  }
  const bundled = runStep([join(BACKEND, 'scripts', 'bundle-cli.js')]);
  if (bundled !== undefined) {
    return `CLI bundling failed, running the compiled CLI: ${bundled}`;
  }
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  return `CLI compiled and bundled (npm run build:cli, ${took}, not timed below)`;
}

/** Runs one build step with Node in the backend folder: undefined when it succeeded, else its first line of output. */
function runStep(args: string[]): string | undefined {
  const run = spawnSync(process.execPath, args, { cwd: BACKEND, encoding: 'utf8' });
  return run.status === 0 ? undefined : (`${run.stdout}${run.stderr}`.trim().split('\n')[0] ?? '');
}

/**
 * Writes the generated file out before the run: a user's file was written long before they analyze
 * it, while hundreds of megabytes still being written back would slow the run's reads.
 */
function flushToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const root = mkdtempSync(join(tmpdir(), 'netra-analyze-bench-'));
try {
  const file = join(root, 'usage.jsonl');
  const generated = performance.now();
  const bytes = await writeWorkloadFile(file, TOTAL);
  flushToDisk(file);
  process.stdout.write(
    `bench analyze: ${TOTAL.toLocaleString('en-US')} events, ${(bytes / 1e6).toFixed(0)} MB canonical NDJSON ` +
      `(generated in ${((performance.now() - generated) / 1000).toFixed(1)} s); node ${process.version}\n`,
  );
  process.stdout.write(`${buildCli()}\n\n`);
  const report = join(root, 'report.json');
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const run = await runCli(file, report);
    process.stdout.write('\n');
    if (run.code !== 0) {
      process.stdout.write(`netra analyze exited with ${run.code ?? 'a signal'}\n`);
      process.exitCode = 1;
      break;
    }
    rounds.push({ run, timings: cliTimings(run.stderr), floor: await measureFloor(file) });
  }
  if (rounds.length === ROUNDS) {
    const median = medianRound(rounds);
    printRounds(rounds);
    process.stdout.write(`median round (${rounds.indexOf(median) + 1} of ${ROUNDS}):\n`);
    printFigures(median.run, median.timings, report, Math.max(...rounds.map(peakOf)));
    printFloor(median);
  }
} finally {
  if (args.has('keep')) {
    process.stdout.write(`kept ${root}\n`);
  } else {
    rmSync(root, { recursive: true, force: true });
  }
}
