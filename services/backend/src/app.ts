import type { Logger } from '@netra/shared/server';
import { createPlatformApp } from '@netra/shared/http';
import type { FastifyInstance } from 'fastify';
import type { BackendConfig } from '#config.js';
import { createBackendContext } from '#context.js';
import { decodeCompressedBodies } from '#http/request-decoding.js';
import { registerFileImportRoutes } from '#routes/file-import.routes.js';
import { registerIngestRoutes } from '#routes/ingest.routes.js';
import { registerOtlpRoutes } from '#routes/otlp.routes.js';
import type { BackendStores } from '#stores/index.js';

export interface BackendDependencies {
  config: BackendConfig;
  logger: Logger;
  stores: BackendStores;
}

/** Builds the backend HTTP app without listening, so tests can drive it in-process. */
export function buildBackendApp(deps: BackendDependencies): FastifyInstance {
  const app = createPlatformApp({ service: 'backend', moduleUrl: import.meta.url, ...deps });
  const ctx = createBackendContext(deps.config, deps.stores);
  decodeCompressedBodies(app);
  registerIngestRoutes(app, ctx);
  registerOtlpRoutes(app, ctx);
  registerFileImportRoutes(app, ctx);
  return app;
}
