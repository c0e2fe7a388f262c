/**
 * Rule "configuration": each service's own configuration spec, loaded exactly as the container will
 * load it at start (the plain variables, the secrets' values, ENVIRONMENT), reports no problem — so a
 * deploy is refused for anything the service would refuse to start with (an OAuth provider missing,
 * a token lifetime too long, …). Needs the secrets' values, so a dry run against Secret Manager skips it.
 * @module
 */
import { ConfigError, IsolatedEnvironment, loadConfig, MASK, maskUrlPassword } from '@netra/shared/server';
import type { ServiceDeployment } from '#plan.js';
import { deployedValues } from './deployed-values.js';
import { result, skipped, type ValidationContext, type ValidationResult } from './types.js';

/** Problems quote invalid values: a secret's value (or its password-masked form) never reaches the report. */
function redact(problem: string, secretValues: readonly string[]): string {
  return secretValues.reduce(
    (text, value) => text.replaceAll(value, MASK).replaceAll(maskUrlPassword(value), MASK),
    problem,
  );
}

function serviceProblems(context: ValidationContext, service: ServiceDeployment): string[] {
  const spec = context.specs[service.service.spec];
  const values = deployedValues(service, spec, context.secrets);
  const env: Record<string, string> = {};
  for (const [name, value] of values) {
    // Defaults are the spec's own: leaving them out lets it report them as it would at start.
    if (value.origin !== 'default' && value.value !== undefined) {
      env[name] = value.value;
    }
  }
  try {
    loadConfig(spec, IsolatedEnvironment.isolated(env));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) {
      const secretValues = [...values.values()]
        .filter((value) => value.origin === 'secret' && value.value !== undefined && value.value !== '')
        .map((value) => value.value as string);
      return error.problems.map((problem) => `${service.service.id}: ${redact(problem, secretValues)}`);
    }
    throw error;
  }
}

export function configurationRule(context: ValidationContext): ValidationResult {
  if (!context.secrets.readable) {
    return skipped('configuration', `needs the secrets' values, which a dry run does not read`);
  }
  const problems = context.plan.services.flatMap((service) => serviceProblems(context, service));
  return result('configuration', problems, [
    `${context.plan.services.length} services load their configuration`,
  ]);
}
