import { z } from 'zod';
import type { ENVIRONMENTS } from '#env/environment.js';
import { resolveDatabaseUrl } from '#db/database-url.js';
import type { VariableSpec } from './config-spec.js';

function urlWithSchemes(schemes: readonly string[]) {
  return z
    .string()
    .optional()
    .superRefine((value, context) => {
      if (value === undefined) {
        return;
      }
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
      if (scheme === undefined || !schemes.includes(scheme)) {
        context.addIssue({
          code: 'custom',
          message: `must be a URL starting with ${schemes.join(':// or ')}://`,
        });
      }
    });
}

/** Schemas for the raw strings of common variable kinds. */
export const vars = {
  port: () => z.coerce.number().int().min(0).max(65535),
  url: () => z.url(),
  optionalUrl: () => z.url().optional(),
  optionalString: () => z.string().optional(),
  boolean: () =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  list: () =>
    z.string().transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  positiveInt: () => z.coerce.number().int().positive(),
  /** A PostgreSQL URL the shared resolver accepts (environment-specific TLS rules are checked later). */
  postgresUrl: () =>
    z
      .string()
      .optional()
      .superRefine((value, context) => {
        if (value === undefined) {
          return;
        }
        try {
          resolveDatabaseUrl(value, { environment: 'development' });
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
  redisUrl: () => urlWithSchemes(['redis', 'rediss']),
  clickhouseUrl: () => urlWithSchemes(['http', 'https']),
};

/** Variables every Node service reads, with the service's own default port. */
export function serviceVariables(defaultPort: number) {
  return {
    ENVIRONMENT: {
      // Validated by detectEnvironment (which loadConfig always runs), so it is reported once.
      schema: z.string().optional(),
      docDefault: 'development (test when NODE_ENV=test)',
      description: 'Deployment environment: development, test, staging or production',
    },
    HOST: { schema: z.string().min(1), default: '127.0.0.1', description: 'Interface to listen on' },
    PORT: { schema: vars.port(), default: String(defaultPort), description: 'Port to listen on' },
    LOG_LEVEL: { schema: vars.logLevel(), default: 'info', description: 'pino log level' },
    NETRA_DATA_DIR: {
      schema: z.string().min(1),
      default: '.netra',
      description: 'Directory for embedded stores (PGlite, chdb), keys and service discovery',
    },
    REDIS_NAMESPACE: {
      schema: z.string().regex(/^[A-Za-z0-9_.-]+$/),
      default: 'netra',
      description: 'First segment of every Redis key (`<namespace>:<service>:…`); tests use one per run',
    },
  } satisfies Record<string, VariableSpec>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

/** Whether a URL points at this machine. */
export function isLocalUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return LOCAL_HOSTS.has(host) || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

/** Problems for every URL-valued variable that points at localhost (forbidden when deployed). */
export function localhostProblems(values: Record<string, unknown>, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const value = values[name];
    const list = Array.isArray(value) ? value : [value];
    return list
      .filter((item): item is string => typeof item === 'string' && isLocalUrl(item))
      .map((item) => `${name} must not point at localhost outside development and test (got ${item})`);
  });
}

/** Problems for store URLs that are missing (embedded stores are for development and tests only). */
export function missingProblems(values: Record<string, unknown>, names: readonly string[]): string[] {
  return names
    .filter((name) => values[name] === undefined)
    .map(
      (name) => `${name} is required outside development and test (embedded stores are single-machine only)`,
    );
}

/** Problems for PostgreSQL URLs that break the TLS rules of the environment. */
export function databaseUrlProblems(
  values: Record<string, unknown>,
  names: readonly string[],
  environment: (typeof ENVIRONMENTS)[number],
): string[] {
  return names.flatMap((name) => {
    const value = values[name];
    if (typeof value !== 'string') {
      return [];
    }
    try {
      resolveDatabaseUrl(value, { environment });
      return [];
    } catch (error) {
      return [`${name}: ${(error as Error).message}`];
    }
  });
}
