/**
 * The values a service's container would read once deployed: the spec's defaults, the plain
 * variables, and the secrets' values when they could be read. Which variables are secrets, and which
 * secrets a service needs, are derived from the services' own configuration specs.
 * @module
 */
import {
  ConfigError,
  IsolatedEnvironment,
  loadConfig,
  looksSecret,
  type ConfigSpec,
  type VariableShape,
} from '@netra/shared/server';
import type { ServiceDeployment } from '#plan.js';
import type { SecretValues } from './types.js';

export interface DeployedValue {
  value: string | undefined;
  origin: 'default' | 'env' | 'secret';
  /** The secret id, for values that come from Secret Manager. */
  secret?: string;
  /** False when the value is a secret that was not read (a dry run). */
  known: boolean;
}

/** Store URLs carry their credentials (`postgres://user:password@…`), so they are deployed as secrets. */
const CREDENTIAL_URL = /(DATABASE|REDIS|CLICKHOUSE)_URL$/;

/** A variable the spec marks secret, whose name looks secret, or a store URL with credentials. */
export function isSecretVariable(name: string, spec: ConfigSpec<VariableShape>): boolean {
  return spec.variables[name]?.secret === true || looksSecret(name) || CREDENTIAL_URL.test(name);
}

/**
 * Secret variables the service cannot start without in `environment`: the spec's own checks, run on
 * the plain variables alone, report them as required.
 */
export function requiredSecretVariables(
  spec: ConfigSpec<VariableShape>,
  environment: string,
  plainEnv: Readonly<Record<string, string>>,
): string[] {
  try {
    loadConfig(spec, IsolatedEnvironment.isolated({ ...plainEnv, ENVIRONMENT: environment }));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    const named = (name: string, problem: string) =>
      problem.startsWith(`${name} is required`) ||
      (problem.includes(name) && problem.endsWith('must be set together'));
    return Object.keys(spec.variables).filter(
      (name) => isSecretVariable(name, spec) && error.problems.some((problem) => named(name, problem)),
    );
  }
}

/** Every variable the deployed container would see, by name. */
export function deployedValues(
  service: ServiceDeployment,
  spec: ConfigSpec<VariableShape>,
  secrets: SecretValues,
): Map<string, DeployedValue> {
  const values = new Map<string, DeployedValue>();
  for (const [name, variable] of Object.entries(spec.variables)) {
    if (variable.default !== undefined && variable.default !== '') {
      values.set(name, { value: variable.default, origin: 'default', known: true });
    }
  }
  for (const [name, value] of Object.entries(service.env)) {
    values.set(name, { value, origin: 'env', known: true });
  }
  for (const [name, secret] of Object.entries(service.secrets)) {
    const value = secrets.readable ? secrets.values.get(secret) : undefined;
    values.set(name, { value, origin: 'secret', secret, known: secrets.readable });
  }
  return values;
}
