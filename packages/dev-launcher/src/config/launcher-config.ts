import { z } from 'zod';
import {
  defineConfig,
  loadConfig,
  vars,
  type ConfigValues,
  type IsolatedEnvironment,
  type LoadedConfig,
} from '@netra/shared/server';

const portNote = 'a free port is chosen when it is taken; 0 always chooses one';

/** Everything the dev launcher reads from the environment, validated once at start. */
export const launcherConfigSpec = defineConfig({
  service: 'dev-launcher',
  variables: {
    HOST: {
      schema: z.string().min(1),
      default: '127.0.0.1',
      description: 'Interface every service listens on (URLs use the loopback address for 0.0.0.0 and ::)',
    },
    AUTH_PORT: { schema: vars.port(), default: '8081', description: `Preferred port of auth (${portNote})` },
    BACKEND_PORT: {
      schema: vars.port(),
      default: '8000',
      description: `Preferred port of backend (${portNote})`,
    },
    FRONTEND_PORT: {
      schema: vars.port(),
      default: '3000',
      description: `Preferred port of frontend (${portNote})`,
    },
    DATABASE_URL: {
      schema: vars.postgresUrl(),
      docDefault: 'embedded (PGlite)',
      description: "Backend PostgreSQL, passed through; also auth's when AUTH_DATABASE_URL is unset",
    },
    AUTH_DATABASE_URL: {
      schema: vars.postgresUrl(),
      docDefault: 'DATABASE_URL, else embedded (PGlite)',
      description: 'Auth PostgreSQL, passed to auth',
    },
    REDIS_URL: {
      schema: vars.redisUrl(),
      docDefault: 'embedded (in-process)',
      description: 'Redis, passed to auth and backend',
    },
    CLICKHOUSE_URL: {
      schema: vars.clickhouseUrl(),
      docDefault: 'embedded (chdb)',
      description: 'ClickHouse HTTP endpoint, passed to backend',
    },
    ENVIRONMENT: {
      // Validated by loadConfig's environment detection, so a bad value is reported once.
      schema: vars.optionalString(),
      docDefault: 'development (test when NODE_ENV=test)',
      description: 'Deployment environment, passed through to every service',
    },
    LOG_LEVEL: {
      schema: vars.logLevel().optional(),
      docDefault: "each service's default",
      description: 'pino log level, passed through to every service',
    },
    NETRA_DATA_DIR: {
      schema: z.string().min(1),
      default: '.netra',
      description:
        'Data directory (relative to the repository root): embedded stores, build stamps, services.json; passed to every service as an absolute path',
    },
    LAUNCHER_READY_TIMEOUT_S: {
      schema: vars.positiveInt(),
      default: '120',
      description: 'Seconds each service may take to answer GET /health/ready with 200 (builds not counted)',
    },
  },
});

/** The launcher's validated configuration values. */
export type LauncherConfig = ConfigValues<typeof launcherConfigSpec.variables>;

/** Validates the launcher's configuration; throws a ConfigError listing every problem. */
export function loadLauncherConfig(
  env: IsolatedEnvironment,
): LoadedConfig<typeof launcherConfigSpec.variables> {
  return loadConfig(launcherConfigSpec, env);
}
