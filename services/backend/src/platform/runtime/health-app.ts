import { createPlatformApp, type ServiceStores } from '@netra/shared/http';
import type { Logger } from '@netra/shared/server';
import type { FastifyInstance } from 'fastify';
import type { BackendConfig } from '#config.js';
import { registerMetricsRoute, type BackendMetrics } from '#platform/http/metrics.js';

/**
 * The HTTP side of a worker-only process: `/health`, `/health/ready` over its stores and `/metrics`
 * (the agent runs' figures are recorded where they execute, in the worker), so the launcher,
 * orchestrators and Prometheus reach it like any other backend process.
 */
export function buildHealthApp(deps: {
  config: BackendConfig;
  logger: Logger;
  stores: ServiceStores & { metrics: BackendMetrics };
}): FastifyInstance {
  const app = createPlatformApp({ service: 'backend', moduleUrl: import.meta.url, ...deps });
  registerMetricsRoute(app, deps.stores.metrics);
  return app;
}
