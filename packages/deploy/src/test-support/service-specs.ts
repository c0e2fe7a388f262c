/**
 * Configuration specs shaped like the services' own (a package may not import services): the same
 * shared helpers, secret markers and deployed-environment checks, on fewer variables. The real specs
 * are handed in by `scripts/deploy.ts`.
 * @module
 */
import { isDeployedEnvironment } from '@netra/shared';
import {
  databaseUrlProblems,
  defineConfig,
  localhostProblems,
  missingProblems,
  serviceVariables,
  vars,
  type ConfigSpec,
  type VariableShape,
} from '@netra/shared/server';
import { z } from 'zod';
import type { ServiceSpecs } from '#services.js';

const auth = defineConfig({
  service: 'auth',
  variables: {
    ...serviceVariables(8081),
    AUTH_DATABASE_URL: { schema: vars.postgresUrl(), description: 'auth database' },
    REDIS_URL: { schema: vars.redisUrl(), description: 'redis' },
    AUTH_SERVICE_URL: { schema: vars.url(), default: 'http://127.0.0.1:8081', description: 'own URL' },
    FRONTEND_URL: { schema: vars.url(), default: 'http://localhost:3000', description: 'frontend' },
    AUTH_SIGNING_KEYS: { schema: z.string().optional(), secret: true, description: 'JWT signing keys' },
    GOOGLE_CLIENT_ID: { schema: vars.optionalString(), description: 'Google client id' },
    GOOGLE_CLIENT_SECRET: { schema: vars.optionalString(), secret: true, description: 'Google secret' },
  },
  checks: (values, { environment }) => {
    const pair =
      (values.GOOGLE_CLIENT_ID === undefined) !== (values.GOOGLE_CLIENT_SECRET === undefined)
        ? ['GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together']
        : [];
    if (!isDeployedEnvironment(environment)) {
      return pair;
    }
    return [
      ...pair,
      ...missingProblems(values, ['AUTH_DATABASE_URL', 'REDIS_URL']),
      ...localhostProblems(values, ['AUTH_SERVICE_URL', 'FRONTEND_URL']),
      ...databaseUrlProblems(values, ['AUTH_DATABASE_URL'], environment),
      ...(values.AUTH_SIGNING_KEYS === undefined ? [`AUTH_SIGNING_KEYS is required in ${environment}`] : []),
    ];
  },
});

const backend = defineConfig({
  service: 'backend',
  variables: {
    ...serviceVariables(8000),
    DATABASE_URL: { schema: vars.postgresUrl(), description: 'backend database' },
    REDIS_URL: { schema: vars.redisUrl(), description: 'redis' },
    CLICKHOUSE_URL: { schema: vars.clickhouseUrl(), description: 'clickhouse' },
    AUTH_SERVICE_URL: { schema: vars.url(), default: 'http://127.0.0.1:8081', description: 'auth' },
    BACKEND_ROLES: { schema: z.string(), default: 'api,worker', description: 'roles' },
  },
  checks: (values, { environment }) =>
    isDeployedEnvironment(environment)
      ? missingProblems(values, ['DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_URL'])
      : [],
});

const frontend = defineConfig({
  service: 'frontend',
  variables: {
    BACKEND_URL: { schema: vars.url(), default: 'http://127.0.0.1:8000', description: 'backend' },
    AUTH_SERVICE_URL: { schema: vars.url(), default: 'http://127.0.0.1:8081', description: 'auth' },
    ENVIRONMENT: { schema: vars.optionalString(), description: 'environment' },
  },
});

const widen = <T extends VariableShape>(spec: ConfigSpec<T>) => spec as unknown as ConfigSpec<VariableShape>;

export const serviceSpecs: ServiceSpecs = {
  auth: widen(auth),
  backend: widen(backend),
  frontend: widen(frontend),
};

/** Settings that pass every rule with `goodSecrets`. */
export function goodSettings(): Record<string, unknown> {
  return {
    environment: 'staging',
    region: 'europe-west1',
    repository: 'netra',
    domain: 'staging.example.com',
    services: {
      auth: {
        env: { AUTH_SERVICE_URL: 'https://auth.{domain}', FRONTEND_URL: 'https://app.{domain}' },
        secrets: { AUTH_DATABASE_URL: 'auth-db', REDIS_URL: 'redis', AUTH_SIGNING_KEYS: 'signing-keys' },
      },
      backend: {
        env: { AUTH_SERVICE_URL: 'https://auth.{domain}' },
        secrets: { DATABASE_URL: 'backend-db', REDIS_URL: 'redis', CLICKHOUSE_URL: 'clickhouse' },
        resources: { cpu: '2', memory: '1Gi', minInstances: 1 },
      },
      'backend-worker': { resources: { minInstances: 1, maxInstances: 2 } },
      frontend: { env: { BACKEND_URL: 'https://api.{domain}', AUTH_SERVICE_URL: 'https://auth.{domain}' } },
    },
  };
}

/** Secret values that pass every rule (remote hosts, TLS on the databases). */
export const goodSecrets: Readonly<Record<string, string>> = {
  'auth-db': 'postgres://auth:pw@10.1.0.5:5432/auth?sslmode=verify-full',
  'backend-db': 'postgresql://app:pw@db.internal.example.com/netra?ssl=true',
  redis: 'rediss://:pw@redis.internal.example.com:6380',
  clickhouse: 'https://default:pw@clickhouse.internal.example.com:8443',
  'signing-keys': '{"current":{"kty":"OKP"}}',
};
