import { isDeployedEnvironment } from '@netra/shared';
import {
  defineConfig,
  loadConfig,
  localhostProblems,
  vars,
  type CheckContext,
  type ConfigValues,
  type IsolatedEnvironment,
  type LoadedConfig,
} from '@netra/shared/server';

/** URL-valued variables: each must be http(s), and none may point at localhost when deployed. */
const URL_VARIABLES = ['BACKEND_URL', 'AUTH_SERVICE_URL', 'FRONTEND_URL'] as const;

const variables = {
  PORT: {
    schema: vars.port(),
    default: '3000',
    description:
      'Port the frontend listens on. Informational: `next start` reads it itself or takes `--port`; validated and documented here.',
  },
  BACKEND_URL: {
    schema: vars.url(),
    default: 'http://127.0.0.1:8000',
    description:
      'Base URL of the main backend as the browser reaches it; read at request time, never inlined at build.',
  },
  AUTH_SERVICE_URL: {
    schema: vars.url(),
    default: 'http://127.0.0.1:8081',
    description:
      'Base URL of the auth service as the browser reaches it; read at request time, never inlined at build.',
  },
  FRONTEND_URL: {
    schema: vars.url(),
    default: 'http://localhost:3000',
    description: 'Public URL of this frontend; the backend and auth service allow CORS from this origin.',
  },
  ENVIRONMENT: {
    // Validated by loadConfig's environment detection; listed so the README documents it.
    schema: vars.optionalString(),
    docDefault: 'development (test when NODE_ENV=test)',
    description: 'Deployment environment: development, test, staging or production.',
  },
};

/** The frontend's configuration spec (variables, defaults, documentation and cross-variable rules). */
export const frontendConfigSpec = defineConfig({
  service: 'frontend',
  variables,
  checks: checkFrontendConfig,
});

/** The validated configuration of the frontend. */
export type FrontendConfig = LoadedConfig<typeof variables>;

type FrontendValues = ConfigValues<typeof variables>;

function checkFrontendConfig(values: FrontendValues, context: CheckContext): string[] {
  const schemeProblems = URL_VARIABLES.filter(
    (name) => !/^https?:$/.test(new URL(values[name]).protocol),
  ).map((name) => `${name} must be an http(s) URL (got ${values[name]})`);
  const deployedProblems = isDeployedEnvironment(context.environment)
    ? localhostProblems(values, URL_VARIABLES)
    : [];
  return [...schemeProblems, ...deployedProblems];
}

/**
 * Validates the frontend's configuration from `env`.
 * @throws ConfigError listing every problem.
 */
export function loadFrontendConfig(env: IsolatedEnvironment): FrontendConfig {
  return loadConfig(frontendConfigSpec, env);
}
