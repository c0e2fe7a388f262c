/** Deployment environments of ARCHITECTURE §6, browser-safe. */
export const ENVIRONMENTS = ['development', 'test', 'staging', 'production'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export function isEnvironmentName(value: unknown): value is EnvironmentName {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value);
}

/**
 * Detects the environment: `ENVIRONMENT` when it names one, else `NODE_ENV=test` means test,
 * else development. An unknown `ENVIRONMENT` value is an error rather than a silent fallback,
 * because running production settings as development would be worse than not starting.
 */
export function detectEnvironment(read: (name: string) => string | undefined): EnvironmentName {
  const explicit = read('ENVIRONMENT')?.trim().toLowerCase();
  if (explicit !== undefined && explicit !== '') {
    if (!isEnvironmentName(explicit)) {
      throw new Error(`ENVIRONMENT must be one of ${ENVIRONMENTS.join(', ')} (got "${explicit}")`);
    }
    return explicit;
  }
  return read('NODE_ENV')?.trim().toLowerCase() === 'test' ? 'test' : 'development';
}

/** Staging and production demand TLS, real secrets and no localhost URLs. */
export function isDeployedEnvironment(environment: EnvironmentName): boolean {
  return environment === 'staging' || environment === 'production';
}
