/**
 * Reads each secret the plan references once, from the source the environment uses. A dry run against
 * Secret Manager reads nothing (it would call the cloud); a directory given with --secrets-dir is read.
 * @module
 */
import type { SecretSource } from '@netra/shared/server';
import type { DeployPlan } from './plan.js';
import type { SecretValues } from '#validate/index.js';

export function secretIds(plan: DeployPlan): string[] {
  return [...new Set(plan.services.flatMap((service) => Object.values(service.secrets)))].sort();
}

export async function readSecretValues(plan: DeployPlan, source: SecretSource): Promise<SecretValues> {
  const ids = secretIds(plan);
  const values = await Promise.all(ids.map(async (id) => [id, await source.get(id)] as const));
  return { source: source.description, readable: true, values: new Map(values) };
}

export function unreadSecrets(description: string): SecretValues {
  return { source: description, readable: false, values: new Map() };
}
