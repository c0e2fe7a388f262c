/**
 * The one place that wires the backend: store connectors → repositories → services → routes.
 * Nothing else constructs a repository or a service.
 * @module
 */
import { createPriceCatalog } from '@netra/optimizer';
import type { Logger } from '@netra/shared/server';
import { createPlatformApp, type ServiceStores } from '@netra/shared/http';
import type { FastifyInstance } from 'fastify';
import type { BackendConfig } from '#config.js';
import { ApiKeysRepository } from '#modules/api-keys/api-keys.repository.js';
import { ApiKeysService } from '#modules/api-keys/api-keys.service.js';
import { provisionDevelopmentKey } from '#modules/api-keys/development-key.js';
import { compileEventValidator } from '#modules/ingestion/event-validator.js';
import { registerFileImportRoutes } from '#modules/ingestion/file-import.routes.js';
import { IngestionService } from '#modules/ingestion/ingest.service.js';
import { registerIngestRoutes } from '#modules/ingestion/ingest.routes.js';
import { IngestionLimiter } from '#modules/ingestion/ingestion-limiter.js';
import { registerOtlpRoutes } from '#modules/ingestion/otlp.routes.js';
import { DEVELOPMENT_ORG } from '#modules/organizations/development-org.js';
import { OrgPolicies } from '#modules/organizations/org-policy.js';
import { OrganizationsRepository } from '#modules/organizations/organizations.repository.js';
import { UsageRepository } from '#modules/usage/usage.repository.js';
import { UsageWriter } from '#modules/usage/usage-writer.js';
import { RequestRateLimiter } from '#platform/http/rate-limiter.js';
import { decodeCompressedBodies } from '#platform/http/request-decoding.js';
import { openBackendStores, type BackendStores } from '#platform/stores/index.js';
import { openBackendPostgres } from '#platform/stores/postgres.js';
import type { OrganizationRow } from '#modules/organizations/organizations.tables.js';

/** The services the routes (and the worker) call. */
export interface BackendServices {
  apiKeys: ApiKeysService;
  organizations: OrganizationsRepository;
  ingestion: IngestionService;
  ingestionLimiter: IngestionLimiter;
}

/** The composed backend: its stores, the usage read model and write path, and the services. */
export interface Backend extends ServiceStores {
  config: BackendConfig;
  stores: BackendStores;
  /** Usage events in ClickHouse: the read model and the raw insert path. */
  usage: UsageRepository;
  /** Where ingestion hands accepted usage: batched, idempotent, resolves once durable. */
  usageSink: UsageWriter;
  services: BackendServices;
}

function createUsageSink(config: BackendConfig, usage: UsageRepository): UsageWriter {
  return new UsageWriter(usage, {
    maxBatchRows: config.values.INGEST_BATCH_ROWS,
    flushIntervalMs: config.values.INGEST_FLUSH_MS,
    maxPendingRows: config.values.INGEST_MAX_PENDING_ROWS,
  });
}

function createServices(
  config: BackendConfig,
  stores: BackendStores,
  usageSink: UsageWriter,
): BackendServices {
  const db = stores.postgres.db;
  const organizations = new OrganizationsRepository(db);
  const policies = new OrgPolicies(organizations);
  const ingestion = new IngestionService({
    sink: usageSink,
    pricer: createPriceCatalog(),
    validate: compileEventValidator(),
    policyOf: (orgId) => policies.policyOf(orgId),
  });
  const limiter = new RequestRateLimiter(stores.redis);
  return {
    apiKeys: new ApiKeysService(new ApiKeysRepository(db)),
    organizations,
    ingestion,
    ingestionLimiter: new IngestionLimiter(limiter, config.values.INGEST_REQUESTS_PER_MIN),
  };
}

/** In development the local organization gets an ingestion key at once, so usage can be sent right away. */
async function prepareDevelopment(backend: Backend): Promise<void> {
  if (backend.config.environment !== 'development') {
    return;
  }
  const { organizations, apiKeys } = backend.services;
  const org = await organizations.ensure(DEVELOPMENT_ORG.slug, DEVELOPMENT_ORG.name);
  await provisionDevelopmentKey(apiKeys, org.id, backend.config.values.NETRA_DATA_DIR);
}

/** Opens the stores and composes the backend; a failure closes whatever was opened. */
export async function openBackend(config: BackendConfig): Promise<Backend> {
  const stores = await openBackendStores(config);
  const usage = new UsageRepository(stores.clickhouse);
  const usageSink = createUsageSink(config, usage);
  const backend: Backend = {
    config,
    stores,
    usage,
    usageSink,
    services: createServices(config, stores, usageSink),
    probes: () => stores.probes(),
    // The writer's last flush needs ClickHouse open, so it closes before the stores.
    close: () => usageSink.close().finally(() => stores.close()),
  };
  try {
    await prepareDevelopment(backend);
    return backend;
  } catch (error) {
    await backend.close();
    throw error;
  }
}

/** What the key command line needs: PostgreSQL only, so it works while ClickHouse is elsewhere. */
export interface KeyAdministration {
  apiKeys: ApiKeysService;
  developmentOrg: () => Promise<OrganizationRow>;
  close(): Promise<void>;
}

export async function openKeyAdministration(config: BackendConfig): Promise<KeyAdministration> {
  const postgres = await openBackendPostgres(config);
  const organizations = new OrganizationsRepository(postgres.db);
  return {
    apiKeys: new ApiKeysService(new ApiKeysRepository(postgres.db)),
    developmentOrg: () => organizations.ensure(DEVELOPMENT_ORG.slug, DEVELOPMENT_ORG.name),
    close: () => postgres.close(),
  };
}

/** Builds the backend HTTP app without listening, so tests can drive it in-process. */
export function buildBackendApp(deps: {
  config: BackendConfig;
  logger: Logger;
  stores: Backend;
}): FastifyInstance {
  const backend = deps.stores;
  const app = createPlatformApp({ service: 'backend', moduleUrl: import.meta.url, ...deps });
  const { services } = backend;
  const ingestionAuth = { apiKeys: services.apiKeys, limiter: services.ingestionLimiter };
  decodeCompressedBodies(app);
  registerIngestRoutes(app, { ingestion: services.ingestion, auth: ingestionAuth });
  registerOtlpRoutes(app, { ingestion: services.ingestion, auth: ingestionAuth });
  registerFileImportRoutes(app, { ingestion: services.ingestion, auth: ingestionAuth });
  return app;
}
