import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { LauncherConfig } from '#config/launcher-config.js';
import type { ServiceDefinition } from './service-definition.js';

/** The readiness path every Netra service serves (see @netra/shared `registerReadiness`). */
export const READINESS_PATH = '/health/ready';

/** The Netra services in dependency order, started from their build output. */
export function netraServices(config: LauncherConfig, rootDir: string): ServiceDefinition[] {
  return [authService(config, rootDir), backendService(config, rootDir), frontendService(config, rootDir)];
}

function authService(config: LauncherConfig, rootDir: string): ServiceDefinition {
  return {
    name: 'auth',
    dependsOn: [],
    preferredPort: config.AUTH_PORT,
    urlVariable: 'AUTH_SERVICE_URL',
    stores: { AUTH_DATABASE_URL: ['AUTH_DATABASE_URL', 'DATABASE_URL'], REDIS_URL: ['REDIS_URL'] },
    readinessPath: READINESS_PATH,
    builds: ['typescript'],
    command: () => nodeCommand(rootDir, 'services/auth/dist/main.js'),
  };
}

function backendService(config: LauncherConfig, rootDir: string): ServiceDefinition {
  return {
    name: 'backend',
    dependsOn: ['auth'],
    preferredPort: config.BACKEND_PORT,
    urlVariable: 'BACKEND_URL',
    stores: { DATABASE_URL: ['DATABASE_URL'], REDIS_URL: ['REDIS_URL'], CLICKHOUSE_URL: ['CLICKHOUSE_URL'] },
    readinessPath: READINESS_PATH,
    builds: ['typescript'],
    command: () => nodeCommand(rootDir, 'services/backend/dist/main.js', BACKEND_NODE_FLAGS),
  };
}

function frontendService(config: LauncherConfig, rootDir: string): ServiceDefinition {
  return {
    name: 'frontend',
    dependsOn: ['backend'],
    preferredPort: config.FRONTEND_PORT,
    urlVariable: 'FRONTEND_URL',
    stores: {},
    readinessPath: READINESS_PATH,
    builds: ['typescript', 'frontend'],
    command: ({ host, port }) => ({
      command: process.execPath,
      args: [nextBin(rootDir), 'start', '--port', String(port), '--hostname', host],
      cwd: join(rootDir, 'services/frontend'),
      env: NEXT_ENVIRONMENT,
    }),
  };
}

/** Next.js reports anonymous usage to Vercel unless told not to; Netra never phones home. */
export const NEXT_ENVIRONMENT = { NEXT_TELEMETRY_DISABLED: '1' } as const;

/**
 * Ingestion allocates ~2 KB per event that dies within a request; a larger V8 young generation
 * halves scavenges and measurably raises ingest throughput (see `npm run bench -- ingest`). V8's
 * garbage-collector helpers default to four threads; more helpers than cores only contend with
 * ClickHouse's threads (on 2 cores: ~5% less CPU per ingested event with two helpers).
 */
export const BACKEND_NODE_FLAGS = [
  '--max-semi-space-size=16',
  `--v8-pool-size=${Math.min(4, availableParallelism())}`,
];

/** `node <entry>` from the repository root, with the launcher's own Node so versions match. */
function nodeCommand(rootDir: string, entry: string, flags: readonly string[] = []) {
  return { command: process.execPath, args: [...flags, join(rootDir, entry)], cwd: rootDir };
}

/** The Next.js CLI, run with node directly so no shell or npx sits between launcher and server. */
export function nextBin(rootDir: string): string {
  return join(rootDir, 'node_modules/next/dist/bin/next');
}
