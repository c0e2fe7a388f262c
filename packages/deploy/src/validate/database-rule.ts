/**
 * Rule "database": every PostgreSQL URL a service would use resolves under the target environment's
 * TLS rules (the services' own `databaseUrlProblems`: a remote database without TLS is refused), and
 * with --run-checks each distinct database is connected to with the resolved TLS settings.
 * @module
 */
import { databaseUrlProblems, resolveDatabaseUrl } from '@netra/shared/server';
import type { ServiceDeployment } from '#plan.js';
import { deployedValues } from './deployed-values.js';
import { result, type ValidationResult, type ValidationContext } from './types.js';

const POSTGRES_URL = /DATABASE_URL$/;

interface DatabaseUse {
  service: string;
  name: string;
  value: string;
}

function databaseUses(
  context: ValidationContext,
  service: ServiceDeployment,
  notes: string[],
): DatabaseUse[] {
  const values = deployedValues(service, context.specs[service.service.spec], context.secrets);
  return [...values.entries()].flatMap(([name, value]) => {
    if (!POSTGRES_URL.test(name)) {
      return [];
    }
    if (!value.known) {
      notes.push(`${service.service.id}: ${name} is in secret ${value.secret ?? ''}, not read in a dry run`);
      return [];
    }
    return value.value === undefined ? [] : [{ service: service.service.id, name, value: value.value }];
  });
}

/** Connects once to a URL several services share (the worker and the backend), naming them all on failure. */
async function connect(context: ValidationContext, uses: DatabaseUse[]): Promise<string | undefined> {
  const [use] = uses;
  if (use === undefined) {
    return undefined;
  }
  const resolved = resolveDatabaseUrl(use.value, { environment: context.plan.environment });
  try {
    await context.probes.postgres(resolved);
    return undefined;
  } catch (error) {
    const services = uses.map((each) => each.service).join(', ');
    return `${services}: ${use.name}: cannot connect to ${resolved.host}:${resolved.port} (sslmode=${resolved.sslMode}): ${(error as Error).message}`;
  }
}

/** The TLS rules of the environment, through the shared resolver the services use at start. */
function tlsProblems(context: ValidationContext, use: DatabaseUse, notes: string[]): string[] {
  const { environment } = context.plan;
  const found = databaseUrlProblems({ [use.name]: use.value }, [use.name], environment);
  if (found.length === 0) {
    const resolved = resolveDatabaseUrl(use.value, { environment });
    notes.push(`${use.service}: ${use.name} → ${resolved.host}:${resolved.port} sslmode=${resolved.sslMode}`);
  }
  return found.map((problem) => `${use.service}: ${problem}`);
}

async function connectionProblems(context: ValidationContext, valid: DatabaseUse[]): Promise<string[]> {
  const byUrl = new Map<string, DatabaseUse[]>();
  for (const use of valid) {
    byUrl.set(use.value, [...(byUrl.get(use.value) ?? []), use]);
  }
  const failures = await Promise.all([...byUrl.values()].map((uses) => connect(context, uses)));
  return failures.filter((failure): failure is string => failure !== undefined);
}

export async function databaseRule(context: ValidationContext): Promise<ValidationResult> {
  const notes: string[] = [];
  const uses = context.plan.services.flatMap((service) => databaseUses(context, service, notes));
  const problems: string[] = [];
  const valid: DatabaseUse[] = [];
  for (const use of uses) {
    const found = tlsProblems(context, use, notes);
    problems.push(...found);
    if (found.length === 0) {
      valid.push(use);
    }
  }
  if (context.runChecks) {
    problems.push(...(await connectionProblems(context, valid)));
  }
  return result('database', problems, notes);
}
