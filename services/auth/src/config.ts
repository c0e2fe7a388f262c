import {
  databaseUrlProblems,
  defineConfig,
  loadConfig,
  localhostProblems,
  missingProblems,
  serviceVariables,
  vars,
  type ConfigValues,
  type IsolatedEnvironment,
  type LoadedConfig,
} from '@netra/shared/server';
import { z } from 'zod';

const STORE_URLS = ['AUTH_DATABASE_URL', 'REDIS_URL'] as const;
const PUBLIC_URLS = ['AUTH_SERVICE_URL', 'FRONTEND_URL', 'CORS_ORIGINS', 'ALLOWED_REDIRECT_ORIGINS'] as const;

const storeVariables = {
  AUTH_DATABASE_URL: {
    schema: vars.postgresUrl(),
    docDefault: 'DATABASE_URL, else embedded PGlite in `NETRA_DATA_DIR/auth/postgres`',
    description: 'PostgreSQL for users, identities, sessions and the audit log (tables in the `auth` schema)',
  },
  DATABASE_URL: {
    schema: vars.postgresUrl(),
    docDefault: 'embedded',
    description: 'Used by the auth service only when AUTH_DATABASE_URL is unset',
  },
  REDIS_URL: {
    schema: vars.redisUrl(),
    docDefault: 'embedded in-process tier',
    description: 'Redis for the token revocation list, login attempts and rate limits',
  },
};

const urlVariables = {
  AUTH_SERVICE_URL: {
    schema: vars.url(),
    default: 'http://127.0.0.1:8081',
    description:
      'Public base URL of this service; OAuth redirect URIs are `<AUTH_SERVICE_URL>/auth/callback/<provider>`',
  },
  FRONTEND_URL: {
    schema: vars.url(),
    default: 'http://localhost:3000',
    description: 'Frontend URL: a CORS origin and the default post-login redirect',
  },
  CORS_ORIGINS: {
    schema: vars.list(),
    default: '',
    docDefault: 'FRONTEND_URL (plus its 127.0.0.1/localhost twin in development)',
    description: 'Comma-separated browser origins allowed to call the auth service',
  },
  ALLOWED_REDIRECT_ORIGINS: {
    schema: vars.list(),
    default: '',
    docDefault: 'the CORS origins',
    description: 'Origins a login may redirect back to; any other redirect target is refused',
  },
};

const tokenVariables = {
  ACCESS_TOKEN_TTL_S: {
    schema: vars.positiveInt(),
    default: '900',
    description: 'Access token lifetime in seconds (15 minutes; at most 3600 in staging and production)',
  },
  REFRESH_TOKEN_TTL_S: {
    schema: vars.positiveInt(),
    default: '2592000',
    description: 'Refresh token (session) lifetime in seconds; each refresh rotates the token',
  },
  AUTH_SIGNING_KEYS: {
    schema: z.string().optional(),
    secret: true,
    docDefault: 'generated and kept in `NETRA_DATA_DIR/auth/signing-keys.json` in development and test',
    description:
      'JSON `{"current": <Ed25519 private JWK>, "previous"?: <JWK>}`; required in staging and production',
  },
};

const loginVariables = {
  LOGIN_MAX_FAILURES: {
    schema: vars.positiveInt(),
    default: '5',
    description: 'Consecutive wrong passwords that lock an account',
  },
  LOCKOUT_S: {
    schema: vars.positiveInt(),
    default: '900',
    description: 'How long a locked account stays locked',
  },
  RATE_LIMIT_PER_IP: {
    schema: vars.positiveInt(),
    default: '30',
    description: 'Register, login and refresh attempts allowed per client IP and endpoint per minute',
  },
  RATE_LIMIT_PER_ACCOUNT: {
    schema: vars.positiveInt(),
    default: '10',
    description: 'Register and login attempts allowed per email address per minute',
  },
  DEV_LOGIN_EMAIL: {
    schema: z.email(),
    default: 'dev@netra.local',
    description: 'Account used by `POST /auth/dev/login` (development only)',
  },
};

const providerVariables = {
  GOOGLE_CLIENT_ID: {
    schema: vars.optionalString(),
    description: 'Google OAuth client id (enables Google login)',
  },
  GOOGLE_CLIENT_SECRET: {
    schema: vars.optionalString(),
    secret: true,
    description: 'Google OAuth client secret',
  },
  GITHUB_CLIENT_ID: {
    schema: vars.optionalString(),
    description: 'GitHub OAuth app client id (enables GitHub login)',
  },
  GITHUB_CLIENT_SECRET: {
    schema: vars.optionalString(),
    secret: true,
    description: 'GitHub OAuth app secret',
  },
  OIDC_ISSUER_URL: {
    schema: vars.optionalUrl(),
    description: 'Issuer URL of an OpenID Connect provider for SSO (Okta, Entra ID, Keycloak, …)',
  },
  OIDC_CLIENT_ID: { schema: vars.optionalString(), description: 'Client id registered with the OIDC issuer' },
  OIDC_CLIENT_SECRET: {
    schema: vars.optionalString(),
    secret: true,
    description: 'Client secret for the OIDC issuer',
  },
  OIDC_PROVIDER_NAME: {
    schema: z.string().min(1),
    default: 'Single sign-on',
    description: 'Button label for the OIDC provider',
  },
};

const variables = {
  ...serviceVariables(8081),
  ...storeVariables,
  ...urlVariables,
  ...tokenVariables,
  ...loginVariables,
  ...providerVariables,
};

type AuthValues = ConfigValues<typeof variables>;

/** Pairs of variables that only make sense together. */
const PAIRS = [
  ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET'],
  ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'],
  ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID'],
] as const;

function pairProblems(values: AuthValues): string[] {
  return PAIRS.filter(([a, b]) => (values[a] === undefined) !== (values[b] === undefined)).map(
    ([a, b]) => `${a} and ${b} must be set together`,
  );
}

/** Whether any OAuth/OIDC provider is configured. */
export function hasExternalProvider(values: AuthValues): boolean {
  return PAIRS.some(([id]) => values[id] !== undefined);
}

function deployedProblems(values: AuthValues, environment: 'staging' | 'production'): string[] {
  const database = { AUTH_DATABASE_URL: values.AUTH_DATABASE_URL ?? values.DATABASE_URL };
  const merged = { ...values, ...database };
  return [
    ...missingProblems(merged, STORE_URLS),
    ...localhostProblems(merged, [...STORE_URLS, ...PUBLIC_URLS]),
    ...databaseUrlProblems(database, ['AUTH_DATABASE_URL'], environment),
    ...(values.AUTH_SIGNING_KEYS === undefined ? ['AUTH_SIGNING_KEYS is required in ' + environment] : []),
    ...(hasExternalProvider(values) ? [] : [`an OAuth/OIDC provider must be configured in ${environment}`]),
    ...(values.ACCESS_TOKEN_TTL_S > 3600 ? ['ACCESS_TOKEN_TTL_S must be at most 3600 when deployed'] : []),
  ];
}

/** Every variable the auth service reads; the README's configuration table is checked against it. */
export const authConfigSpec = defineConfig({
  service: 'auth',
  variables,
  checks: (values, { environment }) => {
    const problems = pairProblems(values);
    if (environment === 'staging' || environment === 'production') {
      problems.push(...deployedProblems(values, environment));
    }
    return problems;
  },
});

export type AuthConfig = LoadedConfig<typeof variables>;

/** Validates the auth configuration once; throws a ConfigError listing every problem. */
export function loadAuthConfig(env: IsolatedEnvironment): AuthConfig {
  return loadConfig(authConfigSpec, env);
}

/** The PostgreSQL URL the auth service uses: its own, else the shared one, else embedded. */
export function authDatabaseUrl(config: AuthConfig): string | undefined {
  return config.values.AUTH_DATABASE_URL ?? config.values.DATABASE_URL;
}

/** Whether this deployment counts as development (dev login allowed, insecure cookies). */
export function isDevelopment(config: AuthConfig): boolean {
  return config.environment === 'development';
}
