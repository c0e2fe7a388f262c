import { createPlatformApp, type ServiceStores } from '@netra/shared/http';
import type { Logger } from '@netra/shared/server';
import type { FastifyInstance } from 'fastify';
import type { BackendConfig } from '#config.js';

/**
 * The HTTP side of a worker-only process: `/health` and `/health/ready` over its stores and nothing
 * else, so the launcher and orchestrators can probe it like any other backend process.
 */
export function buildHealthApp(deps: {
  config: BackendConfig;
  logger: Logger;
  stores: ServiceStores;
}): FastifyInstance {
  return createPlatformApp({ service: 'backend', moduleUrl: import.meta.url, ...deps });
}
