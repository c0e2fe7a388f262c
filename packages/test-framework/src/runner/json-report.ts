/**
 * Reads vitest's JSON reporter output into exact counts.
 * @module
 */
import { z } from 'zod';
import type { Counts } from './counts.js';

const assertionSchema = z.object({ status: z.string() });

const fileSchema = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().optional(),
  assertionResults: z.array(assertionSchema),
});

const reportSchema = z.object({
  numPassedTests: z.number().int(),
  numFailedTests: z.number().int(),
  numPendingTests: z.number().int(),
  numTodoTests: z.number().int(),
  testResults: z.array(fileSchema),
});

export interface ReportCounts {
  counts: Counts;
  files: number;
  /** Files that failed without any failing test: import errors, failing hooks. */
  brokenFiles: string[];
}

/**
 * Counts from a vitest JSON report. Todo tests count as skipped, and a file that failed
 * outside any test (it did not load, or a hook threw) counts as one failure, so a broken
 * file can never look green.
 */
export function countsFromReport(json: unknown): ReportCounts {
  const report = reportSchema.parse(json);
  const brokenFiles = report.testResults
    .filter(
      (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
    )
    .map((file) => file.name);
  return {
    counts: {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles.length,
      skipped: report.numPendingTests + report.numTodoTests,
    },
    files: report.testResults.length,
    brokenFiles,
  };
}
