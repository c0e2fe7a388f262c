import { createPriceCatalog } from '@netra/optimizer';
import { ApiKeyAuthenticator } from '#api-keys/api-key.service.js';
import type { BackendConfig } from '#config.js';
import { compileEventValidator } from '#ingestion/event-validator.js';
import { IngestionLimiter } from '#ingestion/ingestion-limiter.js';
import { IngestionService } from '#ingestion/ingest.service.js';
import { OrgPolicies } from '#organizations/org-policy.js';
import { BackendHotRepository } from '#stores/hot.repository.js';
import type { BackendStores } from '#stores/index.js';

/** Everything the backend's routes and services need, assembled once at start. */
export interface BackendContext {
  config: BackendConfig;
  stores: BackendStores;
  ingestion: IngestionService;
  authenticator: ApiKeyAuthenticator;
  limiter: IngestionLimiter;
}

/** Wires services to the opened stores; no I/O happens here. */
export function createBackendContext(config: BackendConfig, stores: BackendStores): BackendContext {
  const policies = new OrgPolicies(stores.postgres.db);
  const ingestion = new IngestionService({
    sink: stores.usageSink,
    pricer: createPriceCatalog(),
    validate: compileEventValidator(),
    policyOf: (orgId) => policies.policyOf(orgId),
  });
  const hot = new BackendHotRepository(stores.hot);
  return {
    config,
    stores,
    ingestion,
    authenticator: new ApiKeyAuthenticator(stores.postgres.db),
    limiter: new IngestionLimiter(hot, config.values.INGEST_REQUESTS_PER_MIN),
  };
}
