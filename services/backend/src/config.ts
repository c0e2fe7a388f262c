import {
  databaseUrlProblems,
  defineConfig,
  isLocalUrl,
  loadConfig,
  localhostProblems,
  missingProblems,
  serviceVariables,
  vars,
  type IsolatedEnvironment,
  type LoadedConfig,
} from '@netra/shared/server';
import { isDeployedEnvironment } from '@netra/shared';
import { z } from 'zod';
import { rolesSchema } from '#platform/runtime/roles.js';
import { llmConfigProblems, llmVariables } from '#modules/agents/llm/llm.config.js';

const STORE_URLS = ['DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_URL'] as const;
const SERVICE_URLS = ['AUTH_SERVICE_URL', 'FRONTEND_URL', 'CORS_ORIGINS'] as const;

/** Organizations are told to send usage to the public URL: the development default is never right once deployed. */
function publicUrlProblems(url: string): string[] {
  return isLocalUrl(url)
    ? [`BACKEND_PUBLIC_URL is required in staging and production: the backend's public base URL (got ${url})`]
    : [];
}

/** Every variable the backend reads; the README's configuration table is checked against it. */
export const backendConfigSpec = defineConfig({
  service: 'backend',
  variables: {
    ...serviceVariables(8000),
    DATABASE_URL: {
      schema: vars.postgresUrl(),
      docDefault: 'embedded PGlite in `NETRA_DATA_DIR/backend/postgres`',
      description: 'PostgreSQL for the backend (organizations, threads, runs, reports)',
    },
    DATABASE_POOLING: {
      schema: z.enum(['session', 'transaction']),
      default: 'session',
      description:
        '`transaction` when DATABASE_URL points at a transaction-pooling proxy (PgBouncer): the backend then names no prepared statements',
    },
    REDIS_URL: {
      schema: vars.redisUrl(),
      docDefault: 'embedded in-process tier',
      description: 'Redis for hot run state, event streams, queues and rate limits',
    },
    CLICKHOUSE_URL: {
      schema: vars.clickhouseUrl(),
      docDefault: 'embedded chdb in `NETRA_DATA_DIR/backend/clickhouse`',
      description: 'ClickHouse HTTP endpoint for usage events and run history (credentials in the URL)',
    },
    CLICKHOUSE_DATABASE: {
      schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
      default: 'netra',
      description: 'ClickHouse database holding the backend tables',
    },
    CLICKHOUSE_CLUSTER: {
      schema: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+$/)
        .optional(),
      docDefault: 'unset: one node',
      description:
        'ClickHouse cluster name: migrations create replicated tables on every node and Distributed tables over them (needs CLICKHOUSE_URL)',
    },
    AUTH_SERVICE_URL: {
      schema: vars.url(),
      default: 'http://127.0.0.1:8081',
      description: 'Auth service base URL (JWKS and token revocation)',
    },
    FRONTEND_URL: {
      schema: vars.url(),
      default: 'http://localhost:3000',
      description: 'Frontend URL; allowed as a CORS origin',
    },
    BACKEND_PUBLIC_URL: {
      schema: vars.url(),
      default: 'http://localhost:8000',
      description:
        'Public base URL of this backend, as clients reach it: the ingestion URLs agents give organizations (required in staging and production)',
    },
    INGEST_REQUESTS_PER_MIN: {
      schema: vars.positiveInt(),
      default: '1200',
      description: 'Ingestion requests allowed per API key per minute (429 beyond)',
    },
    API_REQUESTS_PER_USER_PER_MIN: {
      schema: vars.positiveInt(),
      default: '600',
      description: 'REST requests allowed per signed-in user per minute (429 beyond)',
    },
    DEV_LOGIN_EMAIL: {
      schema: z.email(),
      default: 'dev@netra.local',
      description:
        'Development only: the account of the auth service’s `/auth/dev/login`, made owner of the development organization',
    },
    DEMO_DATA_ON_FIRST_START: {
      schema: vars.boolean(),
      default: 'true',
      description:
        'Development only: the first start on a development organization without usage loads 14 days of demo usage into it',
    },
    INGEST_MAX_PENDING_ROWS: {
      schema: vars.positiveInt(),
      default: '200000',
      description: 'Accepted rows waiting for ClickHouse above which ingestion answers 503 (backpressure)',
    },
    INGEST_BATCH_ROWS: {
      schema: vars.positiveInt(),
      default: '20000',
      description:
        'Rows per ClickHouse insert: larger batches insert faster, smaller ones acknowledge sooner',
    },
    INGEST_FLUSH_MS: {
      schema: vars.positiveInt(),
      default: '200',
      description: 'Longest an accepted row waits before its batch is inserted (and the request answered)',
    },
    CORS_ORIGINS: {
      schema: vars.list(),
      default: '',
      docDefault: 'FRONTEND_URL (plus its 127.0.0.1/localhost twin in development)',
      description: 'Comma-separated browser origins allowed to call the API',
    },
    BACKEND_ROLES: {
      schema: rolesSchema(),
      default: 'api,worker',
      description:
        'What this process runs: `api` (HTTP) and/or `worker` (job processors); `--roles` overrides it',
    },
    ALERTS_EVALUATE_EVERY_MS: {
      schema: vars.positiveInt(),
      default: '300000',
      description:
        'How often the worker evaluates every budget (alerts are also evaluated shortly after ingestion)',
    },
    ALERTS_DEBOUNCE_MS: {
      schema: vars.positiveInt(),
      default: '60000',
      description:
        'Wait after an ingestion before evaluating the organization’s budgets; ingestions meanwhile join it',
    },
    ALERTS_WEBHOOK_ATTEMPTS: {
      schema: vars.positiveInt(),
      default: '8',
      description: 'Tries in all to deliver an alert to a webhook target',
    },
    ALERTS_WEBHOOK_BACKOFF_MS: {
      schema: vars.positiveInt(),
      default: '60000',
      description: 'Wait between two tries of a webhook delivery',
    },
    RUN_LEASE_MS: {
      schema: vars.positiveInt(),
      default: '15000',
      description:
        'How long a worker owns a run without renewing it (renewed every third); a run whose worker died resumes elsewhere after it',
    },
    RUN_WORKER_CONCURRENCY: {
      schema: vars.positiveInt(),
      default: '2',
      description: 'Agent runs one worker process executes at once',
    },
    RUN_CONCURRENCY_PER_ORG: {
      schema: vars.positiveInt(),
      default: '2',
      description: 'Agent runs of one organization executing at once; more wait queued',
    },
    RUN_HOT_TIMEOUT_MS: {
      schema: vars.positiveInt(),
      default: '250',
      description:
        'Longest wait for one Redis call of a run (hot state, event stream); beyond it the run continues from PostgreSQL',
    },
    RUN_HOT_TTL_MS: {
      schema: vars.positiveInt(),
      default: '86400000',
      description: 'How long a run’s hot state and event stream stay in Redis after its last write',
    },
    RUN_WORKER_ID: {
      schema: vars.optionalString(),
      docDefault: 'host name, process id and a random suffix',
      description: 'Names this worker in run leases, checkpoints and run history',
    },
    WS_HEARTBEAT_MS: {
      schema: vars.positiveInt(),
      default: '30000',
      description:
        'How often /ws pings each connection; one that has not answered the previous ping is dropped',
    },
    WS_MAX_CONNECTIONS_PER_USER: {
      schema: vars.positiveInt(),
      default: '20',
      description:
        'Open /ws connections one user may hold on one backend instance; more are closed with 1008',
    },
    WS_MAX_BUFFERED_BYTES: {
      schema: vars.positiveInt(),
      default: '4194304',
      description:
        'Bytes waiting to be sent on one /ws connection beyond which the client is dropped as too slow (1013)',
    },
    WS_AUTH_RECHECK_MS: {
      schema: vars.positiveInt(),
      default: '30000',
      description:
        'How often an open /ws connection’s token is verified again; a revoked (logged-out) token closes it with 1008',
    },
    ...llmVariables,
  },
  checks: (values, { environment }) => {
    const always = [...llmConfigProblems(values), ...clusterProblems(values)];
    if (!isDeployedEnvironment(environment)) {
      return always;
    }
    return [
      ...always,
      ...missingProblems(values, STORE_URLS),
      ...localhostProblems(values, [...STORE_URLS, ...SERVICE_URLS]),
      ...publicUrlProblems(values.BACKEND_PUBLIC_URL),
      ...databaseUrlProblems(values, ['DATABASE_URL'], environment),
    ];
  },
});

/** Cluster mode spreads tables over ClickHouse servers; embedded chdb is one node. */
function clusterProblems(values: { CLICKHOUSE_CLUSTER?: string; CLICKHOUSE_URL?: string }): string[] {
  return values.CLICKHOUSE_CLUSTER !== undefined && values.CLICKHOUSE_URL === undefined
    ? ['CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL: cluster mode runs on ClickHouse servers, not embedded chdb']
    : [];
}

export type BackendConfig = LoadedConfig<typeof backendConfigSpec.variables>;

/** Validates the backend configuration once; throws a ConfigError listing every problem. */
export function loadBackendConfig(env: IsolatedEnvironment): BackendConfig {
  return loadConfig(backendConfigSpec, env);
}
