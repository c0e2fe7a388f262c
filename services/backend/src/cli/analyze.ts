/**
 * `netra analyze <file>…`: offline analysis of usage files. Each file is imported into a temporary
 * embedded ClickHouse through the service's own import pipeline (cost exports as billed cost), the
 * optimization engine analyzes the usage, and the report is printed (text or JSON) and optionally
 * written to a file; with a cost export it carries the bill reconciliation. The temporary store is
 * removed at the end, on failure and on Ctrl-C.
 * Exit codes: 0 done, 1 the import or the analysis failed, 2 usage error, 3 no usage was imported
 * (the reasons are printed instead of a report, never a "$0" report).
 * @module
 */
import { statSync } from 'node:fs';
import { analyzeUsage, createPriceCatalog, type AnalysisReport, type PriceCatalog } from '@netra/optimizer';
import type { IsolatedEnvironment } from '@netra/shared/server';
import { CanonicalLoader } from '#modules/ingestion/canonical-load/canonical-load.service.js';
import { ANALYZE_USAGE, parseAnalyzeArgs, AnalyzeArgsError, type AnalyzeArgs } from './analyze-args.js';
import { basename } from 'node:path';
import type { Reconciliation } from '@netra/shared/contracts';
import { importFileIntoStore, LOCAL_ORG_ID, localBilling, type ImportOutcome } from './analyze-import.js';
import { NO_USAGE_EXIT_CODE, noUsageMessage } from './analyze-no-usage.js';
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

async function importPhase(
  workspace: AnalyzeWorkspace,
  run: RunContext,
  file: string,
): Promise<ImportOutcome> {
  const started = performance.now();
  const progress = createImportProgress(run.output.stderr, statSync(file).size);
  const loader = new CanonicalLoader(workspace.store, workspace.analysis.scratch);
  try {
    return await phase('import', () =>
      importFileIntoStore(
        workspace.store,
        run.catalog,
        file,
        run.args,
        (totals) => {
          progress.update(totals);
        },
        loader,
        () => workspace.allowRepeatedEvents(),
      ),
    );
  } finally {
    progress.finish();
    run.timings.importMs += performance.now() - started;
  }
}

/** Imports every file in turn, printing each one's summary (named when there are several). */
async function importAll(workspace: AnalyzeWorkspace, run: RunContext): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const file of run.args.files) {
    const started = performance.now();
    const outcome = await importPhase(workspace, run, file);
    const label = run.args.files.length > 1 ? `${basename(file)}: ` : '';
    run.output.stderr.write(importSummary(outcome, (performance.now() - started) / 1000, label));
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The bill reconciliation when a cost export was among the files. */
async function reconciliationOf(
  workspace: AnalyzeWorkspace,
  run: RunContext,
  outcomes: readonly ImportOutcome[],
): Promise<Reconciliation | undefined> {
  if (!outcomes.some((outcome) => outcome.kind === 'billed_cost')) {
    return undefined;
  }
  return phase('analysis', () => localBilling(workspace.store, run.catalog).reconcile(LOCAL_ORG_ID, {}));
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
    analyzeUsage(workspace.analysisSource(), {
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

async function outputPhase(report: AnalysisReport, run: RunContext): Promise<void> {
  const started = performance.now();
  await phase('output', () =>
    emitReport(report, { json: run.args.json, color: wantsColor(run), out: run.args.out }, run.output),
  );
  run.timings.outputMs = performance.now() - started;
}

/** Runs the analysis and returns the exit code: 0 with a report, NO_USAGE_EXIT_CODE without usage. */
async function analyzeFiles(run: RunContext): Promise<number> {
  const setupStarted = performance.now();
  const workspace = await phase('setup', openAnalyzeWorkspace);
  run.timings.setupMs = performance.now() - setupStarted;
  try {
    const outcomes = await importAll(workspace, run);
    const reconciliation = await reconciliationOf(workspace, run, outcomes);
    run.timings.events = outcomes.reduce(
      (total, outcome) => total + (outcome.kind === 'usage' ? outcome.totals.stored : 0),
      0,
    );
    if (run.timings.events === 0) {
      run.output.stderr.write(noUsageMessage(outcomes, reconciliation));
      return NO_USAGE_EXIT_CODE;
    }
    const report = await analysisPhase(workspace, run);
    await outputPhase(reconciliation === undefined ? report : { ...report, reconciliation }, run);
    return 0;
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
    return await analyzeFiles(run);
  } catch (error) {
    output.stderr.write(`netra analyze: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (args.timings || env.get('NETRA_ANALYZE_TIMINGS') === '1') {
      output.stderr.write(timingsReport(run.timings));
    }
  }
}
