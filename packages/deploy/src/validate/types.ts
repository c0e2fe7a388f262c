/**
 * What the pre-deployment validation rules share: their results, the context they judge, and the
 * probes that reach real endpoints (only with --run-checks).
 * @module
 */
import type { ResolvedDatabaseUrl } from '@netra/shared/server';
import type { DeployPlan } from '#plan.js';
import type { ServiceSpecs } from '#services.js';

export type ValidationRuleId =
  'secrets' | 'database' | 'localhost' | 'configuration' | 'dependencies' | 'compliance';
export type ValidationStatus = 'passed' | 'failed' | 'skipped';

export interface ValidationResult {
  rule: ValidationRuleId;
  status: ValidationStatus;
  /** Each one names the service, the variable or file, and what is wrong. */
  problems: string[];
  /** What was checked or why something was not. */
  notes: string[];
}

/** Secret values as read from the secret source; unreadable in a dry run against Secret Manager. */
export interface SecretValues {
  source: string;
  readable: boolean;
  /** Secret id → value (undefined: the secret does not exist). */
  values: ReadonlyMap<string, string | undefined>;
}

export interface Probes {
  postgres(url: ResolvedDatabaseUrl): Promise<void>;
  tcp(host: string, port: number): Promise<void>;
  http(url: string): Promise<void>;
}

export interface ValidationContext {
  plan: DeployPlan;
  specs: ServiceSpecs;
  secrets: SecretValues;
  runChecks: boolean;
  /** Repository root, for the compliance check. */
  root: string;
  probes: Probes;
}

export function result(rule: ValidationRuleId, problems: string[], notes: string[] = []): ValidationResult {
  return { rule, status: problems.length === 0 ? 'passed' : 'failed', problems, notes };
}

export function skipped(rule: ValidationRuleId, reason: string): ValidationResult {
  return { rule, status: 'skipped', problems: [], notes: [reason] };
}
