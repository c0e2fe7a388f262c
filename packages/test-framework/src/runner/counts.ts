/**
 * Test counts and the result of one level, plus the lines the runner prints about them.
 * @module
 */
import type { Level } from './args.js';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * What happened to one level: `passed`/`failed` ran tests, `empty` matched no test file,
 * `crashed` could not produce results, `not-run` was stopped by --fast-fail.
 */
export type LevelStatus = 'passed' | 'failed' | 'empty' | 'crashed' | 'not-run';

export interface LevelResult {
  level: Level;
  status: LevelStatus;
  counts: Counts;
  /** Test files that ran (0 for compliance). */
  files: number;
  /** One line of extra detail, e.g. why a level crashed. */
  note?: string;
}

/** Counts with nothing in them. */
export const ZERO: Readonly<Counts> = Object.freeze({ passed: 0, failed: 0, skipped: 0 });

/** The sum of several counts. */
export function addCounts(...all: readonly Counts[]): Counts {
  return all.reduce<Counts>(
    (sum, counts) => ({
      passed: sum.passed + counts.passed,
      failed: sum.failed + counts.failed,
      skipped: sum.skipped + counts.skipped,
    }),
    { ...ZERO },
  );
}

/** The exact final line CI parses: `N passed, N failed, N skipped`. */
export function finalLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

const STATUS_LABEL: Record<LevelStatus, string> = {
  passed: 'ok',
  failed: 'FAILED',
  empty: 'no test files',
  crashed: 'CRASHED',
  'not-run': 'not run (fast-fail)',
};

/** One summary row, e.g. `unit          ok       12 passed, 0 failed, 1 skipped (4 files)`. */
export function levelLine(result: LevelResult): string {
  const label = STATUS_LABEL[result.status].padEnd(20);
  const files = result.level === 'compliance' ? '' : ` (${result.files} files)`;
  const note = result.note === undefined ? '' : ` — ${result.note}`;
  return `  ${result.level.padEnd(12)}${label}${finalLine(result.counts)}${files}${note}`;
}
