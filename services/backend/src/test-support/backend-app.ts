import { createLogger } from '@netra/shared/server';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '#api-keys/api-key.service.js';
import { buildBackendApp } from '#app.js';
import { loadBackendConfig, type BackendConfig } from '#config.js';
import { ensureOrganization } from '#stores/app.repository.js';
import { openBackendStores, type BackendStores } from '#stores/index.js';

/** A running in-process backend on the test run's real stores. */
export interface BackendTestApp {
  app: FastifyInstance;
  config: BackendConfig;
  stores: BackendStores;
  close(): Promise<void>;
}

/** Starts the backend app for tests; `overrides` set configuration variables. */
export async function startBackendTestApp(
  overrides: Record<string, string | undefined> = {},
): Promise<BackendTestApp> {
  const config = loadBackendConfig(
    serviceTestEnvironment({ overrides: { INGEST_REQUESTS_PER_MIN: '100000', ...overrides } }),
  );
  const stores = await openBackendStores(config);
  const app = buildBackendApp({
    config,
    logger: createLogger({ service: 'backend', level: 'silent' }),
    stores,
  });
  await app.ready();
  return {
    app,
    config,
    stores,
    close: async () => {
      await app.close();
      await stores.close();
    },
  };
}

let counter = 0;

/** An organization of its own with an ingestion key, so tests never see each other's usage. */
export async function newTestOrganization(
  backend: BackendTestApp,
  label = 'org',
): Promise<{ orgId: string; key: string }> {
  counter += 1;
  const slug = `${label}-${Date.now().toString(36)}-${counter}`;
  const org = await ensureOrganization(backend.stores.postgres.db, slug, `Test ${slug}`);
  const { key } = await createApiKey(backend.stores.postgres.db, org.id, 'test key');
  return { orgId: org.id, key };
}
