/**
 * Runs one test level as a vitest child process and turns its JSON report into exact counts.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { IsolatedEnvironment } from '@netra/shared/server';
import { SERVICE_PATHS, type RunOptions, type TestLevel } from './args.js';
import { describeExit, runChild, type ChildExit, type TextSink } from './child.js';
import { ZERO, type LevelResult } from './counts.js';
import { countsFromReport, type ReportCounts } from './json-report.js';

/** Everything a level needs from the outside world. */
export interface LevelContext {
  /** Repository (or fixture) root holding `vitest.config.ts`. */
  root: string;
  /** Environment handed to child processes. */
  env: IsolatedEnvironment;
  stdio: 'inherit' | 'pipe';
  out: TextSink;
  err: TextSink;
}

const require = createRequire(import.meta.url);

/** Absolute path of a package's bin script, resolved from this package. */
export function binPath(packageName: string, bin: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), bin);
}

/** Path filters for `--service`: the directory of each selected service, with a trailing separator. */
export function serviceFilters(root: string, services: RunOptions['services']): string[] {
  return services.map((service) => join(root, SERVICE_PATHS[service]) + sep);
}

function coverageArgs(level: TestLevel, root: string): string[] {
  return [
    '--coverage.enabled',
    '--coverage.provider=v8',
    // A failing run still writes its coverage; that is when it is most useful.
    '--coverage.reportOnFailure',
    `--coverage.reportsDirectory=${join(root, 'coverage', level)}`,
  ];
}

/** The vitest command line (after `node`) for one level. */
export function vitestArgs(
  level: TestLevel,
  options: RunOptions,
  root: string,
  reportFile: string,
): string[] {
  return [
    binPath('vitest', 'vitest.mjs'),
    'run',
    `--config=${join(root, 'vitest.config.ts')}`,
    `--root=${root}`,
    `--project=${level}`,
    // An empty level is reported as such; the runner decides whether that fails the run.
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...(options.fastFail ? ['--bail=1'] : []),
    ...(options.coverage ? coverageArgs(level, root) : []),
    ...serviceFilters(root, options.services),
  ];
}

/** The child environment: the caller's, minus the variables of any vitest run we are nested in. */
export function childEnvironment(env: IsolatedEnvironment): Record<string, string> {
  const nested = env.names().filter((name) => name.startsWith('VITEST') || name === 'TINYPOOL_WORKER_ID');
  return env.withOverrides(Object.fromEntries(nested.map((name) => [name, undefined]))).toRecord();
}

function readReport(reportFile: string): ReportCounts | undefined {
  try {
    return countsFromReport(JSON.parse(readFileSync(reportFile, 'utf8')));
  } catch {
    // Missing or unreadable: vitest crashed before writing it.
    return undefined;
  }
}

/** Turns the exit and (possibly missing) report of a vitest run into a level result. */
export function levelResultFrom(
  level: TestLevel,
  exit: ChildExit,
  report: ReportCounts | undefined,
): LevelResult {
  if (report === undefined) {
    return { level, status: 'crashed', counts: { ...ZERO, failed: 1 }, files: 0, note: describeExit(exit) };
  }
  const { files, brokenFiles } = report;
  const counts = { ...report.counts };
  const notes = brokenFiles.length > 0 ? [`${brokenFiles.length} file(s) failed outside any test`] : [];
  if (exit.code !== 0 && counts.failed === 0) {
    // Unhandled errors and failing global setup fail vitest without failing a test: count one failure.
    counts.failed = 1;
    notes.push(`vitest ${describeExit(exit)} without a failing test (unhandled error?)`);
  }
  const status = counts.failed > 0 ? 'failed' : files === 0 ? 'empty' : 'passed';
  return { level, status, counts, files, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/** Runs one level of tests and returns its exact counts. */
export async function runVitestLevel(
  level: TestLevel,
  options: RunOptions,
  context: LevelContext,
): Promise<LevelResult> {
  const dir = mkdtempSync(join(tmpdir(), `netra-${level}-report-`));
  const reportFile = join(dir, 'report.json');
  try {
    const exit = await runChild(process.execPath, vitestArgs(level, options, context.root, reportFile), {
      cwd: context.root,
      env: childEnvironment(context.env),
      stdio: context.stdio,
      out: context.out,
      err: context.err,
    });
    return levelResultFrom(level, exit, readReport(reportFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
