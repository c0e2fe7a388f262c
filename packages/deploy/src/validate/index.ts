/**
 * Runs every pre-deployment validation rule, in a fixed order, and says whether the deploy may go on.
 * @module
 */
import { complianceRule } from './compliance-rule.js';
import { configurationRule } from './configuration-rule.js';
import { databaseRule } from './database-rule.js';
import { dependenciesRule } from './dependencies-rule.js';
import { localhostRule } from './localhost-rule.js';
import { secretsRule } from './secrets-rule.js';
import type { ValidationResult, ValidationContext } from './types.js';

export async function validateDeployment(context: ValidationContext): Promise<ValidationResult[]> {
  return [
    secretsRule(context),
    await databaseRule(context),
    localhostRule(context),
    configurationRule(context),
    await dependenciesRule(context),
    await complianceRule(context),
  ];
}

export function failedRules(results: readonly ValidationResult[]): ValidationResult[] {
  return results.filter((rule) => rule.status === 'failed');
}

export type {
  Probes,
  ValidationRuleId,
  ValidationResult,
  ValidationStatus,
  SecretValues,
  ValidationContext,
} from './types.js';
