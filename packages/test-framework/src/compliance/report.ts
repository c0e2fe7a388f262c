/**
 * Human-readable compliance reports: grouped by rule, with counts.
 * @module
 */
import pc from 'picocolors';
import type { ComplianceReport, RuleResult } from './types.js';

export interface FormatOptions {
  /** List warning findings too (errors are always listed). */
  verbose: boolean;
}

function ruleHeader(rule: RuleResult): string {
  const count = rule.findings.length;
  const severity = rule.severity === 'error' ? 'ERROR  ' : 'WARNING';
  const mark = count === 0 ? pc.green('✔') : rule.severity === 'error' ? pc.red('✖') : pc.yellow('⚠');
  return `${mark} ${severity} ${rule.id.padEnd(20)} ${rule.title}: ${pc.bold(String(count))}`;
}

function ruleLines(rule: RuleResult, options: FormatOptions): string[] {
  const listed = rule.severity === 'error' || options.verbose;
  if (!listed) {
    return [ruleHeader(rule)];
  }
  return [
    ruleHeader(rule),
    ...rule.findings.map((finding) => `    ${finding.file}:${finding.line}  ${finding.message}`),
  ];
}

/** One line: `compliance passed: 0 errors, 12 warnings (180 files)`. */
export function complianceVerdict(report: ComplianceReport): string {
  const verdict = report.ok ? pc.green('passed') : pc.red('FAILED');
  return `compliance ${verdict}: ${report.errorCount} errors, ${report.warningCount} warnings (${report.filesScanned} files)`;
}

/** The full report as text, ending with a newline. */
export function formatComplianceReport(report: ComplianceReport, options: FormatOptions): string {
  const lines = [
    pc.bold(`Architecture compliance — ${report.filesScanned} files under ${report.root}`),
    '',
    ...report.rules.flatMap((rule) => ruleLines(rule, options)),
    '',
    complianceVerdict(report),
  ];
  return `${lines.join('\n')}\n`;
}
