/**
 * Rule "compliance" (--run-checks): the architecture compliance check (`npm run compliance`) has no
 * error finding — services never import each other, nothing reads process.env directly, and so on.
 * @module
 */
import { result, skipped, type ValidationResult, type ValidationContext } from './types.js';

const SHOWN = 10;

export async function complianceRule(
  context: Pick<ValidationContext, 'root' | 'runChecks'>,
): Promise<ValidationResult> {
  if (!context.runChecks) {
    return skipped('compliance', 'only with --run-checks');
  }
  // Loaded on demand: the test framework's entry is only needed when the check runs.
  const { checkCompliance } = await import('@netra/test-framework');
  const report = checkCompliance({ root: context.root });
  const errors = report.rules
    .filter((rule) => rule.severity === 'error')
    .flatMap((rule) =>
      rule.findings.map((finding) => `${rule.id}: ${finding.file}:${finding.line} ${finding.message}`),
    );
  const problems = errors.slice(0, SHOWN);
  if (errors.length > SHOWN) {
    problems.push(`… and ${errors.length - SHOWN} more (npm run compliance lists them all)`);
  }
  return result('compliance', problems, [
    `${report.filesScanned} files scanned, ${report.warningCount} warnings`,
  ]);
}
