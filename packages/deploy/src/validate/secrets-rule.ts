/**
 * Rule "secrets": every secret a service needs has a Secret Manager reference, no secret is deployed
 * as a plain variable, and every referenced secret exists in the source (unless a dry run cannot read it).
 * @module
 */
import type { ServiceDeployment } from '#plan.js';
import { isSecretVariable, requiredSecretVariables } from './deployed-values.js';
import { result, type ValidationResult, type ValidationContext } from './types.js';

function settingsKey(service: ServiceDeployment): string {
  return `services.${service.service.inherits ?? service.service.id}`;
}

function referenceProblems(context: ValidationContext, service: ServiceDeployment): string[] {
  const spec = context.specs[service.service.spec];
  const id = service.service.id;
  const plain = Object.keys(service.env)
    .filter((name) => isSecretVariable(name, spec))
    .map((name) => `${id}: ${name} holds a secret: move it from ${settingsKey(service)}.env to .secrets`);
  const missing = requiredSecretVariables(spec, context.plan.environment, service.env)
    .filter((name) => service.secrets[name] === undefined && service.env[name] === undefined)
    .map(
      (name) =>
        `${id}: ${name} is required in ${context.plan.environment} and has no secret reference (${settingsKey(service)}.secrets.${name})`,
    );
  return [...plain, ...missing];
}

function existenceProblems(context: ValidationContext, service: ServiceDeployment): string[] {
  return Object.entries(service.secrets)
    .filter(([, secret]) => context.secrets.values.get(secret) === undefined)
    .map(
      ([name, secret]) =>
        `${service.service.id}: secret ${secret} (${name}) does not exist or is empty in ${context.secrets.source}`,
    );
}

export function secretsRule(context: ValidationContext): ValidationResult {
  const problems = context.plan.services.flatMap((service) => referenceProblems(context, service));
  const ids = [...new Set(context.plan.services.flatMap((service) => Object.values(service.secrets)))].sort();
  if (!context.secrets.readable) {
    const note = `existence not checked: a dry run reads nothing from ${context.secrets.source} (${ids.length} secrets: ${ids.join(', ')})`;
    return result('secrets', problems, [note]);
  }
  const absent = context.plan.services.flatMap((service) => existenceProblems(context, service));
  return result(
    'secrets',
    [...problems, ...absent],
    [`${ids.length} secrets found in ${context.secrets.source}`],
  );
}
