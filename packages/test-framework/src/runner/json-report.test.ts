import { describe, expect, it } from 'vitest';
import { countsFromReport } from './json-report.js';

const test = (status: string) => ({ status });

function report(files: { name: string; status: string; tests: string[] }[]) {
  const all = files.flatMap((file) => file.tests);
  const count = (status: string) => all.filter((value) => value === status).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    testResults: files.map((file) => ({
      name: file.name,
      status: file.status,
      message: '',
      assertionResults: file.tests.map(test),
    })),
  };
}

describe('countsFromReport', () => {
  it('counts passed, failed, and skipped plus todo', () => {
    const result = countsFromReport(
      report([{ name: 'a.test.ts', status: 'failed', tests: ['passed', 'failed', 'skipped', 'todo'] }]),
    );
    expect(result).toEqual({ counts: { passed: 1, failed: 1, skipped: 2 }, files: 1, brokenFiles: [] });
  });

  it('counts a file that failed outside any test as one failure', () => {
    const result = countsFromReport(
      report([
        { name: 'broken.test.ts', status: 'failed', tests: [] },
        { name: 'hook.test.ts', status: 'failed', tests: ['skipped'] },
        { name: 'ok.test.ts', status: 'passed', tests: ['passed'] },
      ]),
    );
    expect(result.counts).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(result.brokenFiles).toEqual(['broken.test.ts', 'hook.test.ts']);
  });

  it('rejects something that is not a vitest JSON report', () => {
    expect(() => countsFromReport({ tests: 3 })).toThrow();
  });
});
