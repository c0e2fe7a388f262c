import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCompliance } from './check.js';
import { formatComplianceReport } from './report.js';
import type { ComplianceReport, RuleId } from './types.js';

const fixtures = join(import.meta.dirname, 'fixtures');

function findingsOf(report: ComplianceReport, rule: RuleId): string[] {
  return (report.rules.find((result) => result.id === rule)?.findings ?? []).map(
    (finding) => `${finding.file}:${finding.line}`,
  );
}

describe('checkCompliance on a clean repository', () => {
  it('passes with no findings', () => {
    const report = checkCompliance({ root: join(fixtures, 'clean-repo') });
    expect(report).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, filesScanned: 14 });
  });
});

describe('checkCompliance on deliberate violations', () => {
  const report = checkCompliance({ root: join(fixtures, 'violating-repo') });

  it('fails on imports between services, by package name and by relative path', () => {
    expect(report.ok).toBe(false);
    expect(findingsOf(report, 'service-boundaries')).toEqual([
      'packages/util/src/imports-service.ts:2',
      'services/backend/src/cross-service.ts:2',
      'services/backend/src/cross-service.ts:3',
    ]);
  });

  it('fails on a database driver imported outside platform/stores', () => {
    expect(findingsOf(report, 'database-drivers')).toEqual([
      'services/backend/src/maintenance.ts:3',
      'services/backend/src/modules/ingestion/ingest.repository.ts:3',
      'services/backend/src/modules/ingestion/ingest.repository.ts:4',
      'services/backend/src/platform/queue/connection.ts:2',
    ]);
  });

  it("fails on a module importing another module's repository", () => {
    expect(findingsOf(report, 'module-repositories')).toEqual([
      'services/backend/src/modules/ingestion/ingest.service.ts:2',
      'services/backend/src/modules/ingestion/ingest.service.ts:4',
    ]);
  });

  it('fails on the platform importing a module', () => {
    expect(findingsOf(report, 'platform-modules')).toEqual(['services/backend/src/platform/http/guard.ts:2']);
  });

  it('fails on a process.env read', () => {
    expect(findingsOf(report, 'process-env')).toEqual(['packages/util/src/reads-env.ts:3']);
  });

  it('warns about a relative import leaving its package, judged by where it resolves', () => {
    expect(findingsOf(report, 'package-escape')).toEqual(['packages/util/src/escapes.ts:4']);
  });

  it('warns about a type name exported by two packages, listing both', () => {
    const [finding] = report.rules.find((rule) => rule.id === 'duplicate-types')?.findings ?? [];
    expect(finding?.message).toBe(
      'BackendReport: services/auth/src/duplicate.ts:2, services/backend/src/report.ts:4',
    );
  });

  it('counts errors and warnings separately', () => {
    expect(report.errorCount).toBe(11);
    expect(report.warningCount).toBe(2);
  });

  it('prints a report grouped by rule with counts', () => {
    const text = formatComplianceReport(report, { verbose: true });
    expect(text).toMatch(/ERROR\s+service-boundaries.*: .*3/);
    expect(text).toContain('services/backend/src/cross-service.ts:2');
    expect(text).toContain('11 errors, 2 warnings (21 files)');
  });
});

describe('checkCompliance on generated oversized code', () => {
  const root = mkdtempSync(join(tmpdir(), 'netra-compliance-'));
  cpSync(join(fixtures, 'clean-repo'), root, { recursive: true });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('fails on a module over 500 lines and counts long functions as warnings', () => {
    const longBody = Array.from({ length: 30 }, (_, index) => `  const v${index} = ${index};`).join('\n');
    const statements = Array.from({ length: 520 }, (_, index) => `export const c${index} = ${index};`);
    writeFileSync(join(root, 'services/backend/src/huge.ts'), `${statements.join('\n')}\n`);
    writeFileSync(
      join(root, 'packages/util/src/long.ts'),
      `export function long(): number {\n${longBody}\n  return v0;\n}\n`,
    );
    const report = checkCompliance({ root });
    expect(report.ok).toBe(false);
    expect(findingsOf(report, 'module-size')).toEqual(['services/backend/src/huge.ts:1']);
    expect(report.rules.find((rule) => rule.id === 'module-size')?.findings[0]?.message).toBe(
      '520 lines (limit 500)',
    );
    expect(findingsOf(report, 'function-size')).toEqual(['packages/util/src/long.ts:1']);
    expect(report.warningCount).toBe(1);
  });

  it('skips node_modules, dist, fixtures and declaration files', () => {
    for (const dir of ['node_modules', 'dist', 'fixtures']) {
      cpSync(join(root, 'services/backend/src/huge.ts'), join(root, `packages/util/${dir}/huge.ts`), {
        force: true,
      });
    }
    cpSync(join(root, 'services/backend/src/huge.ts'), join(root, 'packages/util/src/huge.d.ts'));
    rmSync(join(root, 'services/backend/src/huge.ts'));
    expect(checkCompliance({ root }).ok).toBe(true);
  });
});
