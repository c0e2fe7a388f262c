/**
 * Shapes shared by the compliance rules, the checker and the report.
 * @module
 */

export type Severity = 'error' | 'warning';

export type RuleId =
  | 'module-size'
  | 'function-size'
  | 'service-boundaries'
  | 'process-env'
  | 'database-drivers'
  | 'module-repositories'
  | 'platform-modules'
  | 'package-escape'
  | 'duplicate-types';

export interface RuleInfo {
  id: RuleId;
  severity: Severity;
  title: string;
}

/** Every rule, in report order; errors fail the check, warnings are reported and counted. */
export const RULES: readonly RuleInfo[] = [
  { id: 'module-size', severity: 'error', title: 'Modules over 500 lines' },
  {
    id: 'service-boundaries',
    severity: 'error',
    title: 'Imports across services (or from a package into a service)',
  },
  { id: 'process-env', severity: 'error', title: 'process.env read outside the shared environment module' },
  {
    id: 'database-drivers',
    severity: 'error',
    title: 'Database drivers imported outside platform/stores (§1.1)',
  },
  {
    id: 'module-repositories',
    severity: 'error',
    title: "A module importing another module's repository instead of its service",
  },
  { id: 'platform-modules', severity: 'error', title: 'platform/ importing modules/' },
  { id: 'function-size', severity: 'warning', title: 'Functions over 25 lines' },
  { id: 'package-escape', severity: 'warning', title: 'Relative imports that climb out of their package' },
  {
    id: 'duplicate-types',
    severity: 'warning',
    title: 'Exported type names defined in more than one package',
  },
];

export const MAX_MODULE_LINES = 500;
export const MAX_FUNCTION_LINES = 25;
/** The one module allowed to read `process.env` (architecture §1, IsolatedEnvironment). */
export const ENV_MODULE = 'packages/shared/src/env/process-source.ts';

export interface Finding {
  rule: RuleId;
  /** Path relative to the scanned root, with `/` separators. */
  file: string;
  line: number;
  message: string;
}

export interface RuleResult extends RuleInfo {
  findings: Finding[];
}

export interface ComplianceReport {
  root: string;
  filesScanned: number;
  rules: RuleResult[];
  errorCount: number;
  warningCount: number;
  /** False when any error rule has findings. */
  ok: boolean;
}
