/**
 * `netra analyze <file>`: offline analysis of a usage file. The file is imported into a temporary
 * embedded ClickHouse through the service's own import pipeline, the optimization engine analyzes
 * it, and the report is printed (text or JSON) and optionally written to a file. The temporary
 * store is removed at the end, on failure and on Ctrl-C.
 * Exit codes: 0 done (also for an empty file: the report says the data is insufficient),
 * 1 the import or the analysis failed, 2 usage error.
 * @module
 */
import { statSync } from 'node:fs';
import { analyzeUsage, createPriceCatalog, type AnalysisReport, type PriceCatalog } from '@netra/optimizer';
import type { IsolatedEnvironment } from '@netra/shared/server';
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { ANALYZE_USAGE, parseAnalyzeArgs, AnalyzeArgsError, type AnalyzeArgs } from './analyze-args.js';
import { importFileIntoStore, LOCAL_ORG_ID, type ImportOutcome } from './analyze-import.js';
import {
  emitReport,
  importSummary,
  timingsReport,
  type CliOutput,
  type RunTimings,
} from './analyze-output.js';
import { createImportProgress } from './analyze-progress.js';
import { openAnalyzeWorkspace, type AnalyzeWorkspace } from './analyze-workspace.js';

/** A failure of one phase of the run (exit code 1), named so the user knows what broke. */
export class AnalyzeFailure extends Error {
  override readonly name = 'AnalyzeFailure';

  constructor(
    readonly phase: 'setup' | 'import' | 'analysis' | 'output',
    cause: unknown,
  ) {
    super(`${phase} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

interface RunContext {
  args: AnalyzeArgs;
  env: IsolatedEnvironment;
  output: CliOutput;
  catalog: PriceCatalog;
  timings: RunTimings;
}

async function phase<T>(name: AnalyzeFailure['phase'], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new AnalyzeFailure(name, error);
  }
}

async function importPhase(store: ClickHouseStore, run: RunContext): Promise<ImportOutcome> {
  const started = performance.now();
  const progress = createImportProgress(run.output.stderr, statSync(run.args.file).size);
  try {
    return await phase('import', () =>
      importFileIntoStore(store, run.catalog, run.args, (totals) => {
        progress.update(totals);
      }),
    );
  } finally {
    progress.finish();
    run.timings.importMs = performance.now() - started;
  }
}

async function analysisPhase(workspace: AnalyzeWorkspace, run: RunContext): Promise<AnalysisReport> {
  const started = performance.now();
  let stageStarted = started;
  let current: string | undefined;
  const closeStage = () => {
    const time = performance.now();
    if (current !== undefined) {
      run.timings.stagesMs[current] = time - stageStarted;
    }
    stageStarted = time;
  };
  const report = await phase('analysis', () =>
    analyzeUsage(workspace.analysis, {
      scope: { orgId: LOCAL_ORG_ID },
      catalog: run.catalog,
      onStage: (stage) => {
        closeStage();
        current = stage;
      },
    }),
  );
  closeStage();
  run.timings.analysisMs = performance.now() - started;
  return report;
}

function wantsColor(run: RunContext): boolean {
  return run.output.stdout.isTTY === true && run.env.get('NO_COLOR') === undefined && !run.args.json;
}

async function analyzeFile(run: RunContext): Promise<void> {
  const setupStarted = performance.now();
  const workspace = await phase('setup', openAnalyzeWorkspace);
  run.timings.setupMs = performance.now() - setupStarted;
  try {
    const outcome = await importPhase(workspace.store, run);
    run.timings.events = outcome.totals.stored;
    run.output.stderr.write(importSummary(outcome, run.timings.importMs / 1000));
    const report = await analysisPhase(workspace, run);
    const outputStarted = performance.now();
    await phase('output', () =>
      emitReport(report, { json: run.args.json, color: wantsColor(run), out: run.args.out }, run.output),
    );
    run.timings.outputMs = performance.now() - outputStarted;
  } finally {
    await workspace.dispose();
  }
}

function emptyTimings(): RunTimings {
  return { setupMs: 0, importMs: 0, analysisMs: 0, stagesMs: {}, outputMs: 0, events: 0 };
}

/**
 * Runs `netra analyze` with `argv` (after the command name) and returns the exit code. Usage errors
 * and failures are reported on `output.stderr`; nothing is thrown.
 */
export async function runAnalyze(
  argv: readonly string[],
  env: IsolatedEnvironment,
  output: CliOutput,
): Promise<number> {
  let args: AnalyzeArgs;
  try {
    const parsed = parseAnalyzeArgs(argv);
    if (parsed.help) {
      output.stdout.write(ANALYZE_USAGE);
      return 0;
    }
    args = parsed;
  } catch (error) {
    if (error instanceof AnalyzeArgsError) {
      output.stderr.write(`netra analyze: ${error.message}\n\n${ANALYZE_USAGE}`);
      return 2;
    }
    throw error;
  }
  const run: RunContext = { args, env, output, catalog: createPriceCatalog(), timings: emptyTimings() };
  try {
    await analyzeFile(run);
    return 0;
  } catch (error) {
    output.stderr.write(`netra analyze: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (args.timings || env.get('NETRA_ANALYZE_TIMINGS') === '1') {
      output.stderr.write(timingsReport(run.timings));
    }
  }
}
