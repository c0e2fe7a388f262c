/**
 * The browser level: the frontend's Playwright suite (`services/frontend/e2e/playwright.config.ts`)
 * as a child process, its JSON report turned into exact counts like the vitest levels.
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { RunOptions } from './args.js';
import { describeExit, runChild, type ChildExit } from './child.js';
import { ZERO, type Counts, type LevelResult } from './counts.js';
import { childEnvironment, type LevelContext } from './vitest-level.js';

const FRONTEND = 'services/frontend';

const playwrightReportSchema = z.object({
  stats: z.object({
    expected: z.number().int(),
    unexpected: z.number().int(),
    flaky: z.number().int(),
    skipped: z.number().int(),
  }),
  errors: z.array(z.object({ message: z.string().optional() })).default([]),
  suites: z.array(z.object({ file: z.string().optional() })).default([]),
});

export interface BrowserReport {
  counts: Counts;
  files: number;
  /** Errors outside any test (global setup failing, a file that does not load). */
  errors: string[];
}

/** Counts from Playwright's JSON report; a flaky test passed on a retry and counts as passed. */
export function countsFromPlaywrightReport(json: unknown): BrowserReport {
  const report = playwrightReportSchema.parse(json);
  const { expected, unexpected, flaky, skipped } = report.stats;
  return {
    counts: { passed: expected + flaky, failed: unexpected, skipped },
    files: report.suites.length,
    errors: report.errors.map((error) => (error.message ?? 'unknown error').split('\n')[0] ?? ''),
  };
}

/** Turns the exit and (possibly missing) report into a level result; errors outside tests fail it. */
export function browserResultFrom(exit: ChildExit, report: BrowserReport | undefined): LevelResult {
  if (report === undefined) {
    return {
      level: 'browser',
      status: 'crashed',
      counts: { ...ZERO, failed: 1 },
      files: 0,
      note: describeExit(exit),
    };
  }
  const counts = { ...report.counts };
  const notes = report.errors.slice(0, 1);
  if ((exit.code !== 0 || report.errors.length > 0) && counts.failed === 0) {
    counts.failed = 1;
    notes.push(`playwright ${describeExit(exit)} without a failing test`);
  }
  const status = counts.failed > 0 ? 'failed' : report.files === 0 ? 'empty' : 'passed';
  return {
    level: 'browser',
    status,
    counts,
    files: report.files,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** Whether the selection includes the frontend (no `--service` selects everything). */
export function selectsBrowser(options: RunOptions): boolean {
  return options.services.length === 0 || options.services.includes('frontend');
}

function readReport(file: string): BrowserReport | undefined {
  try {
    return countsFromPlaywrightReport(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Runs the Playwright suite; a root without one (a test fixture) is an empty level. */
export async function runBrowserLevel(options: RunOptions, context: LevelContext): Promise<LevelResult> {
  const config = join(context.root, FRONTEND, 'e2e', 'playwright.config.ts');
  if (!selectsBrowser(options) || !existsSync(config)) {
    return { level: 'browser', status: 'empty', counts: { ...ZERO }, files: 0 };
  }
  const cli = join(dirname(createRequire(config).resolve('@playwright/test/package.json')), 'cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'netra-browser-report-'));
  const reportFile = join(dir, 'report.json');
  try {
    const env = childEnvironment(context.env.withOverrides({ PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile }));
    const args = [
      '--conditions=source',
      '--import',
      'tsx',
      cli,
      'test',
      `--config=${config}`,
      '--reporter=list,json',
    ];
    const exit = await runChild(
      process.execPath,
      [...args, ...(options.fastFail ? ['--max-failures=1'] : [])],
      {
        cwd: join(context.root, FRONTEND),
        env,
        stdio: context.stdio,
        out: context.out,
        err: context.err,
      },
    );
    return browserResultFrom(exit, readReport(reportFile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
