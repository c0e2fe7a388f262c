/**
 * The architecture compliance check: scans every package and service and applies the rules.
 * @module
 */
import { resolve } from 'node:path';
import { listSourceFiles } from './files.js';
import { DuplicateTypeCollector } from './rules/duplicate-types.js';
import { importFindings } from './rules/imports.js';
import { processEnvFindings } from './rules/process-env.js';
import { serviceLayoutFindings } from './rules/service-layout.js';
import { functionSizeFindings, moduleSizeFindings } from './rules/size.js';
import { readSource } from './source.js';
import { RULES, type ComplianceReport, type Finding } from './types.js';
import { loadWorkspace } from './workspace.js';

export interface ComplianceOptions {
  /** Repository root holding `packages/` and `services/`. */
  root: string;
}

function byLocation(a: Finding, b: Finding): number {
  return a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file);
}

/** Groups findings under their rule, in report order. */
export function buildReport(
  root: string,
  filesScanned: number,
  findings: readonly Finding[],
): ComplianceReport {
  const rules = RULES.map((rule) => ({
    ...rule,
    findings: findings.filter((finding) => finding.rule === rule.id).sort(byLocation),
  }));
  const count = (severity: string) =>
    rules.filter((rule) => rule.severity === severity).reduce((sum, rule) => sum + rule.findings.length, 0);
  const errorCount = count('error');
  return { root, filesScanned, rules, errorCount, warningCount: count('warning'), ok: errorCount === 0 };
}

/** Runs every rule over the `.ts/.tsx/.mts` sources of `packages/*` and `services/*` under `root`. */
export function checkCompliance(options: ComplianceOptions): ComplianceReport {
  const root = resolve(options.root);
  const units = loadWorkspace(root);
  const duplicates = new DuplicateTypeCollector();
  const findings: Finding[] = [];
  let filesScanned = 0;
  for (const unit of units) {
    for (const path of listSourceFiles(unit.dir)) {
      const info = readSource(root, path, unit);
      filesScanned += 1;
      duplicates.add(info);
      findings.push(
        ...moduleSizeFindings(info),
        ...functionSizeFindings(info),
        ...importFindings(info, units),
        ...processEnvFindings(info),
        ...serviceLayoutFindings(info),
      );
    }
  }
  return buildReport(root, filesScanned, [...findings, ...duplicates.findings()]);
}
