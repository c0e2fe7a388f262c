import { createLogger } from '@netra/shared/server';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import type { FastifyInstance } from 'fastify';
import { buildBackendApp, openBackend, type Backend } from '#composition.js';
import { loadBackendConfig, type BackendConfig } from '#config.js';
import { OrganizationsRepository } from '#modules/organizations/organizations.repository.js';

/** A running in-process backend on the test run's real stores. */
export interface BackendTestApp {
  app: FastifyInstance;
  config: BackendConfig;
  backend: Backend;
  close(): Promise<void>;
}

/** Starts the backend app for tests; `overrides` set configuration variables. */
export async function startBackendTestApp(
  overrides: Record<string, string | undefined> = {},
): Promise<BackendTestApp> {
  const config = loadBackendConfig(
    serviceTestEnvironment({ overrides: { INGEST_REQUESTS_PER_MIN: '100000', ...overrides } }),
  );
  const backend = await openBackend(config);
  const app = buildBackendApp({
    config,
    logger: createLogger({ service: 'backend', level: 'silent' }),
    stores: backend,
  });
  await app.ready();
  return {
    app,
    config,
    backend,
    close: async () => {
      await app.close();
      await backend.close();
    },
  };
}

let counter = 0;

/** An organization of its own with an ingestion key, so tests never see each other's usage. */
export async function newTestOrganization(
  test: BackendTestApp,
  label = 'org',
): Promise<{ orgId: string; key: string }> {
  counter += 1;
  const slug = `${label}-${Date.now().toString(36)}-${counter}`;
  const org = await new OrganizationsRepository(test.backend.stores.postgres.db).ensure(slug, `Test ${slug}`);
  const { key } = await test.backend.services.apiKeys.create(org.id, 'test key');
  return { orgId: org.id, key };
}
