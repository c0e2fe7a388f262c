import { describe, expect, it } from 'vitest';
import type { LevelResult } from './counts.js';
import { selectionProblem } from './run.js';

const result = (level: LevelResult['level'], status: LevelResult['status']): LevelResult => ({
  level,
  status,
  counts: { passed: 0, failed: 0, skipped: 0 },
  files: 0,
});

describe('selectionProblem', () => {
  it('fails a run whose test levels all matched no file', () => {
    expect(selectionProblem([result('compliance', 'passed'), result('unit', 'empty')])).toContain(
      'no test file matched',
    );
  });

  it('accepts empty levels when another level ran tests', () => {
    expect(selectionProblem([result('unit', 'passed'), result('e2e', 'empty')])).toBeUndefined();
  });

  it('ignores compliance-only runs and levels stopped by --fast-fail', () => {
    expect(selectionProblem([result('compliance', 'failed')])).toBeUndefined();
    expect(selectionProblem([result('compliance', 'failed'), result('unit', 'not-run')])).toBeUndefined();
  });
});
