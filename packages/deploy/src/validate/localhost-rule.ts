/**
 * Rule "localhost": nothing that would be deployed points at this machine — plain variables, secret
 * values when they were read, and the specs' defaults a service would fall back to.
 * @module
 */
import { isLocalUrl, maskUrlPassword } from '@netra/shared/server';
import type { ServiceDeployment } from '#plan.js';
import { deployedValues, type DeployedValue } from './deployed-values.js';
import { result, type ValidationResult, type ValidationContext } from './types.js';

/** Listen addresses, not references: a container listens on 0.0.0.0 by design. */
const BIND_VARIABLES = new Set(['HOST']);
const LOCAL_HOST_PORT = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|::1)(:\d+)?(\/.*)?$/i;

function isLocalReference(item: string): boolean {
  return isLocalUrl(item) || LOCAL_HOST_PORT.test(item);
}

function describe(name: string, item: string, value: DeployedValue, service: ServiceDeployment): string {
  const where = `services.${service.service.inherits ?? service.service.id}`;
  if (value.origin === 'secret') {
    return `${service.service.id}: ${name} (secret ${value.secret ?? ''}) points at localhost`;
  }
  const shown = maskUrlPassword(item);
  return value.origin === 'default'
    ? `${service.service.id}: ${name} points at localhost (${shown}, the service's default): set ${where}.env.${name}`
    : `${service.service.id}: ${name} points at localhost (${shown})`;
}

function serviceProblems(context: ValidationContext, service: ServiceDeployment): string[] {
  const values = deployedValues(service, context.specs[service.service.spec], context.secrets);
  return [...values.entries()].flatMap(([name, value]) => {
    if (BIND_VARIABLES.has(name) || value.value === undefined) {
      return [];
    }
    const items = value.value.split(',').map((item) => item.trim());
    const local = items.find(isLocalReference);
    return local === undefined ? [] : [describe(name, local, value, service)];
  });
}

export function localhostRule(context: ValidationContext): ValidationResult {
  const problems = context.plan.services.flatMap((service) => serviceProblems(context, service));
  const notes = context.secrets.readable
    ? []
    : ['secret values not read in a dry run: only plain values and defaults checked'];
  return result('localhost', problems, notes);
}
