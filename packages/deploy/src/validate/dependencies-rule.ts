/**
 * Rule "dependencies" (--run-checks): the stores each service depends on answer — Redis accepts a TCP
 * connection and ClickHouse answers `/ping`. Our own upstream services are deployed first, in order,
 * so their readiness is awaited during the deploy, before each service that calls them (`run.ts`).
 * @module
 */
import { maskUrlPassword } from '@netra/shared/server';
import { deployedValues } from './deployed-values.js';
import { result, skipped, type Probes, type ValidationResult, type ValidationContext } from './types.js';

interface Target {
  label: string;
  reach: (probes: Probes) => Promise<void>;
}

function redisTarget(value: string): Target {
  const url = new URL(value);
  const port = url.port === '' ? 6379 : Number(url.port);
  return { label: `${url.hostname}:${port}`, reach: (probes) => probes.tcp(url.hostname, port) };
}

function clickhouseTarget(value: string): Target {
  const ping = new URL('/ping', value);
  ping.username = '';
  ping.password = '';
  return { label: ping.toString(), reach: (probes) => probes.http(ping.toString()) };
}

const TARGETS: Record<string, (value: string) => Target> = {
  REDIS_URL: redisTarget,
  CLICKHOUSE_URL: clickhouseTarget,
};

function targetsOf(context: ValidationContext, notes: string[]): Map<string, Target & { users: string[] }> {
  const targets = new Map<string, Target & { users: string[] }>();
  for (const service of context.plan.services) {
    const values = deployedValues(service, context.specs[service.service.spec], context.secrets);
    for (const [name, make] of Object.entries(TARGETS)) {
      const value = values.get(name);
      if (value?.known === false) {
        notes.push(`${service.service.id}: ${name} is in a secret that was not read`);
      } else if (value?.value !== undefined) {
        const target = targets.get(value.value) ?? { ...make(value.value), users: [] };
        target.users.push(`${service.service.id} ${name}`);
        targets.set(value.value, target);
      }
    }
  }
  return targets;
}

export async function dependenciesRule(context: ValidationContext): Promise<ValidationResult> {
  if (!context.runChecks) {
    return skipped('dependencies', 'only with --run-checks');
  }
  const notes: string[] = [];
  const targets = [...targetsOf(context, notes).values()];
  const problems = await Promise.all(
    targets.map((target) =>
      target.reach(context.probes).then(
        () => undefined,
        (error: unknown) =>
          `${target.users.join(', ')}: ${maskUrlPassword(target.label)} is not reachable: ${(error as Error).message}`,
      ),
    ),
  );
  notes.push(
    ...targets.map((target) => `reached ${target.label}`).filter((_, index) => problems[index] === undefined),
  );
  return result(
    'dependencies',
    problems.filter((problem): problem is string => problem !== undefined),
    notes,
  );
}
