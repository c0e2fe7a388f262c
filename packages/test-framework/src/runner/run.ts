/**
 * The unified test run: compliance, then unit → integration → e2e → browser, then one summary and the
 * final `N passed, N failed, N skipped` line.
 * @module
 */
import pc from 'picocolors';
import type { Level, RunOptions } from './args.js';
import { binPath, childEnvironment, runVitestLevel, type LevelContext } from './vitest-level.js';
import { describeExit, runChild } from './child.js';
import { runBrowserLevel } from './browser-level.js';
import { addCounts, finalLine, levelLine, ZERO, type Counts, type LevelResult } from './counts.js';

export interface RunnerContext extends LevelContext {
  /** Run `tsc -b` at the root before e2e, so services started by e2e tests have built output. */
  buildBeforeE2e: boolean;
}

export interface RunSummary {
  results: LevelResult[];
  /** Set when the selection matched no test file at all (counted as one failure). */
  selectionProblem?: string;
  totals: Counts;
  exitCode: 0 | 1;
}

async function runCompliance(context: RunnerContext): Promise<LevelResult> {
  // Loaded on demand: the TypeScript compiler is large, and most selections do not need it.
  const { checkCompliance } = await import('#compliance/check.js');
  const { complianceVerdict, formatComplianceReport } = await import('#compliance/report.js');
  let report;
  try {
    report = checkCompliance({ root: context.root });
  } catch (error) {
    const note = `compliance check crashed: ${error instanceof Error ? error.message : String(error)}`;
    return { level: 'compliance', status: 'crashed', counts: { ...ZERO, failed: 1 }, files: 0, note };
  }
  // Errors are listed in full; warnings only counted (`npm run compliance` lists them).
  context.out.write(
    report.ok ? `${complianceVerdict(report)}\n` : formatComplianceReport(report, { verbose: false }),
  );
  const counts = report.ok ? { ...ZERO, passed: 1 } : { ...ZERO, failed: 1 };
  return { level: 'compliance', status: report.ok ? 'passed' : 'failed', counts, files: 0 };
}

async function buildOutput(context: RunnerContext): Promise<LevelResult | undefined> {
  context.out.write('building (tsc -b) so e2e tests can start built services\n');
  const exit = await runChild(process.execPath, [binPath('typescript', 'bin/tsc'), '-b'], {
    cwd: context.root,
    env: childEnvironment(context.env),
    stdio: context.stdio,
    out: context.out,
    err: context.err,
  });
  if (exit.code === 0) {
    return undefined;
  }
  const note = `tsc -b ${describeExit(exit)}; e2e tests not run`;
  return { level: 'e2e', status: 'crashed', counts: { ...ZERO, failed: 1 }, files: 0, note };
}

async function runLevel(level: Level, options: RunOptions, context: RunnerContext): Promise<LevelResult> {
  if (level === 'compliance') {
    return runCompliance(context);
  }
  if (level === 'browser') {
    return runBrowserLevel(options, context);
  }
  if (level === 'e2e' && context.buildBeforeE2e) {
    const buildFailure = await buildOutput(context);
    if (buildFailure !== undefined) {
      return buildFailure;
    }
  }
  return runVitestLevel(level, options, context);
}

/** A selection that matched no test file is a failure: a stale or mistyped selection must not look green. */
export function selectionProblem(results: readonly LevelResult[]): string | undefined {
  const ran = results.filter((result) => result.level !== 'compliance' && result.status !== 'not-run');
  if (ran.length === 0 || ran.some((result) => result.status !== 'empty')) {
    return undefined;
  }
  return `no test file matched the selection (${ran.map((result) => result.level).join(', ')})`;
}

function printSummary(context: RunnerContext, summary: RunSummary): void {
  const lines = ['', pc.bold('Summary'), ...summary.results.map(levelLine)];
  if (summary.selectionProblem !== undefined) {
    lines.push(`  ${pc.red(summary.selectionProblem)}`);
  }
  lines.push(finalLine(summary.totals));
  context.out.write(`${lines.join('\n')}\n`);
}

/** Runs the selected levels in order and prints a summary; the last line printed is the count line. */
export async function runTests(options: RunOptions, context: RunnerContext): Promise<RunSummary> {
  const results: LevelResult[] = [];
  for (const level of options.levels) {
    if (options.fastFail && results.some((result) => result.counts.failed > 0)) {
      results.push({ level, status: 'not-run', counts: { ...ZERO }, files: 0 });
      continue;
    }
    context.out.write(`\n${pc.bold(pc.cyan(`▶ ${level}`))}\n`);
    const result = await runLevel(level, options, context);
    context.out.write(`${levelLine(result)}\n`);
    results.push(result);
  }
  const problem = selectionProblem(results);
  const totals = addCounts(
    ...results.map((result) => result.counts),
    problem === undefined ? ZERO : { ...ZERO, failed: 1 },
  );
  const summary: RunSummary = { results, totals, exitCode: totals.failed > 0 ? 1 : 0 };
  if (problem !== undefined) {
    summary.selectionProblem = problem;
  }
  printSummary(context, summary);
  return summary;
}
