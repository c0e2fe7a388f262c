import type { z } from 'zod';
import { detectEnvironment, type EnvironmentName } from '#env/environment.js';
import type { IsolatedEnvironment, ValueOrigin } from '#env/isolated-environment.js';
import { maskValue } from '#env/secrets.js';

/** One configuration variable: its schema over the raw string, its documentation and default. */
export interface VariableSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  description: string;
  /** Raw default used when the variable is unset or empty. */
  default?: string;
  /** Masked in dumps and logs. */
  secret?: boolean;
  /** What the documentation shows as the default when there is no literal one (e.g. "embedded"). */
  docDefault?: string;
}

export type VariableShape = Record<string, VariableSpec>;

export type ConfigValues<T extends VariableShape> = {
  readonly [K in keyof T]: z.output<T[K]['schema']>;
};

export interface CheckContext {
  environment: EnvironmentName;
}

/** A service's whole configuration: its variables plus rules spanning several of them. */
export interface ConfigSpec<T extends VariableShape> {
  service: string;
  variables: T;
  checks?: (values: ConfigValues<T>, context: CheckContext) => string[];
}

export function defineConfig<T extends VariableShape>(spec: ConfigSpec<T>): ConfigSpec<T> {
  return spec;
}

/** Thrown once with every configuration problem, so an operator can fix them all in one go. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(service: string, problems: readonly string[]) {
    super(`${service}: invalid configuration\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadedConfig<T extends VariableShape> {
  readonly values: ConfigValues<T>;
  readonly environment: EnvironmentName;
  /** Where each variable's value came from (`default` when the spec's default applied). */
  readonly origins: Readonly<Record<keyof T & string, ValueOrigin | undefined>>;
  /** Values with origins, secrets masked: safe to log. */
  dump(): Record<string, { value: string | undefined } & Partial<ValueOrigin>>;
}

interface Resolution {
  raw: string | undefined;
  origin: ValueOrigin | undefined;
}

function resolveRaw(name: string, variable: VariableSpec, env: IsolatedEnvironment): Resolution {
  const value = env.get(name);
  if (value !== undefined && value !== '') {
    return { raw: value, origin: env.originOf(name) };
  }
  if (variable.default !== undefined) {
    return { raw: variable.default, origin: { source: 'default' } };
  }
  return { raw: undefined, origin: undefined };
}

function describeIssue(
  name: string,
  variable: VariableSpec,
  raw: string | undefined,
  issue: z.core.$ZodIssue,
) {
  if (raw === undefined) {
    return `${name} is required: ${variable.description}`;
  }
  const shown = maskValue(name, raw, variable.secret === true);
  return `${name}=${JSON.stringify(shown)} is invalid: ${issue.message}`;
}

interface ParsedVariables {
  values: Record<string, unknown>;
  origins: Record<string, ValueOrigin | undefined>;
  raws: Record<string, string | undefined>;
  problems: string[];
}

function parseVariables(variables: VariableShape, env: IsolatedEnvironment): ParsedVariables {
  const parsed: ParsedVariables = { values: {}, origins: {}, raws: {}, problems: [] };
  for (const [name, variable] of Object.entries(variables)) {
    const { raw, origin } = resolveRaw(name, variable, env);
    parsed.raws[name] = raw;
    parsed.origins[name] = origin;
    const result = variable.schema.safeParse(raw);
    if (result.success) {
      parsed.values[name] = result.data;
    } else {
      parsed.problems.push(...result.error.issues.map((issue) => describeIssue(name, variable, raw, issue)));
    }
  }
  return parsed;
}

function detect(env: IsolatedEnvironment, problems: string[]): EnvironmentName {
  try {
    return detectEnvironment((name) => env.get(name));
  } catch (error) {
    problems.push((error as Error).message);
    return 'development';
  }
}

/**
 * Validates a service's configuration once. Throws a ConfigError listing every problem;
 * returns frozen, typed values with their origins.
 */
export function loadConfig<T extends VariableShape>(
  spec: ConfigSpec<T>,
  env: IsolatedEnvironment,
): LoadedConfig<T> {
  const problems: string[] = [];
  const environment = detect(env, problems);
  const parsed = parseVariables(spec.variables, env);
  problems.push(...parsed.problems);
  // Cross-variable rules need every value typed, so they run once each variable is valid.
  if (problems.length === 0 && spec.checks !== undefined) {
    problems.push(...spec.checks(parsed.values as ConfigValues<T>, { environment }));
  }
  if (problems.length > 0) {
    throw new ConfigError(spec.service, problems);
  }
  return Object.freeze({
    values: Object.freeze(parsed.values) as ConfigValues<T>,
    environment,
    origins: Object.freeze(parsed.origins),
    dump: () => dumpConfig(spec.variables, parsed.raws, parsed.origins),
  });
}

function dumpConfig(
  variables: VariableShape,
  raws: Record<string, string | undefined>,
  origins: Record<string, ValueOrigin | undefined>,
): ReturnType<LoadedConfig<VariableShape>['dump']> {
  const out: ReturnType<LoadedConfig<VariableShape>['dump']> = {};
  for (const [name, variable] of Object.entries(variables)) {
    const raw = raws[name];
    out[name] = {
      value: raw === undefined ? undefined : maskValue(name, raw, variable.secret === true),
      ...origins[name],
    };
  }
  return out;
}

/** One row of the configuration table in the README. */
export interface ConfigDocRow {
  name: string;
  default: string;
  /** The default is a literal value (shown as code) rather than a description of what happens. */
  literalDefault: boolean;
  description: string;
  secret: boolean;
}

/** The documentation rows of a spec, in declaration order. */
export function describeConfig<T extends VariableShape>(spec: ConfigSpec<T>): ConfigDocRow[] {
  return Object.entries(spec.variables).map(([name, variable]) => ({
    name,
    default: variable.docDefault ?? variable.default ?? '',
    literalDefault: variable.docDefault === undefined && variable.default !== undefined,
    description: variable.description,
    secret: variable.secret === true,
  }));
}
