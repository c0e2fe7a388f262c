import { isDeployedEnvironment, type EnvironmentName } from '#env/environment.js';

export interface CorsPolicyInput {
  environment: EnvironmentName;
  /** Explicit allowed origins; `*` only without credentials. */
  origins: readonly string[];
  credentials: boolean;
}

export interface CorsPolicy {
  origins: readonly string[];
  credentials: boolean;
  /** Whether a browser origin may call the service. */
  allows(origin: string | undefined): boolean;
}

export class CorsPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorsPolicyError';
  }
}

function normalizeOrigin(origin: string): string {
  if (origin === '*') {
    return origin;
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new CorsPolicyError(`CORS origin "${origin}" is not a URL origin`);
  }
  if (parsed.origin === 'null' || parsed.pathname.length > 1 || parsed.search !== '') {
    throw new CorsPolicyError(`CORS origin "${origin}" must be scheme://host[:port] only`);
  }
  return parsed.origin;
}

/**
 * Builds the CORS policy of ARCHITECTURE §6: an explicit list of origins, never `*` together with
 * credentials, and in staging/production only https origins.
 */
export function buildCorsPolicy(input: CorsPolicyInput): CorsPolicy {
  const origins = [...new Set(input.origins.map(normalizeOrigin))];
  const wildcard = origins.includes('*');
  if (wildcard && input.credentials) {
    throw new CorsPolicyError('CORS "*" cannot be combined with credentials; list the allowed origins');
  }
  if (isDeployedEnvironment(input.environment)) {
    if (origins.length === 0) {
      throw new CorsPolicyError(`CORS origins must be listed explicitly in ${input.environment}`);
    }
    const insecure = origins.filter((origin) => !origin.startsWith('https://'));
    if (insecure.length > 0) {
      throw new CorsPolicyError(
        `CORS origins must use https in ${input.environment}: ${insecure.join(', ')}`,
      );
    }
  }
  const allowed = new Set(origins);
  return {
    origins,
    credentials: input.credentials,
    allows: (origin) => origin !== undefined && (wildcard || allowed.has(origin)),
  };
}

const LOOPBACK_TWINS: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/**
 * The origins a service allows when CORS_ORIGINS is empty: the frontend's, plus in development and
 * test its loopback twin, because browsers treat localhost and 127.0.0.1 as different origins.
 */
export function defaultCorsOrigins(
  configured: readonly string[],
  frontendUrl: string,
  environment: EnvironmentName,
): string[] {
  if (configured.length > 0) {
    return [...configured];
  }
  const origin = new URL(frontendUrl);
  const origins = [origin.origin];
  const twin = LOOPBACK_TWINS[origin.hostname];
  if (twin !== undefined && !isDeployedEnvironment(environment)) {
    origins.push(`${origin.protocol}//${twin}${origin.port === '' ? '' : `:${origin.port}`}`);
  }
  return origins;
}
