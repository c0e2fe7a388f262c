import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './args.js';
import { browserResultFrom, countsFromPlaywrightReport, selectsBrowser } from './browser-level.js';

const OK = { code: 0, signal: null };
const FAILED = { code: 1, signal: null };

function report(stats: { expected: number; unexpected: number; flaky: number; skipped: number }, extra = {}) {
  return { stats, suites: [{ file: 'login.spec.ts' }, { file: 'chat.spec.ts' }], errors: [], ...extra };
}

describe('browser level', () => {
  it('counts a flaky test (passed on retry) as passed and skipped tests as skipped', () => {
    const counted = countsFromPlaywrightReport(report({ expected: 5, unexpected: 1, flaky: 2, skipped: 3 }));
    expect(counted).toEqual({ counts: { passed: 7, failed: 1, skipped: 3 }, files: 2, errors: [] });
  });

  it('fails on an error outside any test, such as a global setup that could not start the stack', () => {
    const counted = countsFromPlaywrightReport(
      report(
        { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
        {
          errors: [{ message: 'Error: the platform did not become ready\n at …' }],
        },
      ),
    );
    const result = browserResultFrom(FAILED, counted);
    expect(result.status).toBe('failed');
    expect(result.counts.failed).toBe(1);
    expect(result.note).toContain('the platform did not become ready');
  });

  it('is a crash, counted as one failure, when Playwright wrote no report', () => {
    const result = browserResultFrom({ code: null, signal: 'SIGKILL' }, undefined);
    expect(result).toMatchObject({ status: 'crashed', counts: { passed: 0, failed: 1, skipped: 0 } });
  });

  it('passes when every test passed', () => {
    const counted = countsFromPlaywrightReport(report({ expected: 4, unexpected: 0, flaky: 0, skipped: 0 }));
    expect(browserResultFrom(OK, counted)).toMatchObject({ status: 'passed', files: 2 });
  });

  it('runs for the whole repository and for --service frontend, not for another service alone', () => {
    expect(selectsBrowser(parseRunArgs([]))).toBe(true);
    expect(selectsBrowser(parseRunArgs(['--service', 'frontend']))).toBe(true);
    expect(selectsBrowser(parseRunArgs(['--service', 'backend']))).toBe(false);
  });
});
