import { describe, expect, it } from 'vitest';
import { findRepoRoot } from '#runner/root.js';
import { checkCompliance } from './check.js';

describe('this repository', () => {
  it('has no architecture compliance errors', () => {
    const report = checkCompliance({ root: findRepoRoot(import.meta.dirname) });
    const errors = report.rules
      .filter((rule) => rule.severity === 'error')
      .flatMap((rule) =>
        rule.findings.map((finding) => `${rule.id} ${finding.file}:${finding.line} ${finding.message}`),
      );
    expect(report.filesScanned).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
