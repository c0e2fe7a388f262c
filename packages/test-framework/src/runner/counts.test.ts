import { describe, expect, it } from 'vitest';
import { addCounts, finalLine, levelLine } from './counts.js';

describe('counts', () => {
  it('prints the exact line CI parses', () => {
    expect(finalLine({ passed: 12, failed: 0, skipped: 3 })).toBe('12 passed, 0 failed, 3 skipped');
    expect(finalLine(addCounts())).toBe('0 passed, 0 failed, 0 skipped');
  });

  it('adds counts', () => {
    expect(addCounts({ passed: 1, failed: 2, skipped: 3 }, { passed: 10, failed: 0, skipped: 1 })).toEqual({
      passed: 11,
      failed: 2,
      skipped: 4,
    });
  });

  it('summarises a level with its status, counts, files and note', () => {
    const line = levelLine({
      level: 'unit',
      status: 'failed',
      counts: { passed: 1, failed: 1, skipped: 1 },
      files: 2,
      note: 'why',
    });
    expect(line).toContain('unit');
    expect(line).toContain('FAILED');
    expect(line).toContain('1 passed, 1 failed, 1 skipped (2 files) — why');
    expect(
      levelLine({
        level: 'compliance',
        status: 'passed',
        counts: { passed: 1, failed: 0, skipped: 0 },
        files: 0,
      }),
    ).not.toContain('files');
  });
});
