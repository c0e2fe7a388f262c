import type { FastifyInstance } from 'fastify';
import type { EnvironmentName } from '#env/environment.js';
import { IsolatedEnvironment } from '#env/isolated-environment.js';
import { createLogger, type Logger } from '#logging/logger.js';
import { packageVersion } from '#config/package-version.js';
import { buildCorsPolicy, defaultCorsOrigins } from './cors-policy.js';
import { serve, type Closable } from './lifecycle.js';
import { registerReadiness, type TierProbe } from './readiness.js';
import { createServiceApp } from './service-app.js';

/** The configuration every Fastify service has, whatever else it defines. */
export interface BaseServiceConfig {
  readonly environment: EnvironmentName;
  readonly values: {
    readonly HOST: string;
    readonly PORT: number;
    readonly LOG_LEVEL: string;
    readonly FRONTEND_URL: string;
    readonly CORS_ORIGINS: readonly string[];
  };
}

/** A service's stores as one unit: probed by readiness, closed at shutdown. */
export interface ServiceStores extends Closable {
  probes(): Record<string, TierProbe>;
}

export interface PlatformAppOptions {
  service: string;
  /** `import.meta.url` of the service, to report its package version. */
  moduleUrl: string;
  config: BaseServiceConfig;
  logger: Logger;
  stores: ServiceStores;
}

/**
 * The common app of a Netra service: CORS for the frontend's origin(s) with credentials, request
 * tracing, the error model, `/health` and `/health/ready` over the service's stores. The service
 * then registers its own routes.
 */
export function createPlatformApp(options: PlatformAppOptions): FastifyInstance {
  const { config } = options;
  const cors = buildCorsPolicy({
    environment: config.environment,
    origins: defaultCorsOrigins(config.values.CORS_ORIGINS, config.values.FRONTEND_URL, config.environment),
    credentials: true,
  });
  const version = packageVersion(options.moduleUrl);
  const app = createServiceApp({
    service: options.service,
    version,
    logger: options.logger,
    cors,
    environment: config.environment,
  });
  registerReadiness(app, options.service, config.environment, options.stores.probes());
  return app;
}

export interface ServiceStartup<C extends BaseServiceConfig, S extends ServiceStores> {
  name: string;
  loadConfig(env: IsolatedEnvironment): C;
  openStores(config: C): Promise<S>;
  buildApp(deps: { config: C; logger: Logger; stores: S }): FastifyInstance;
  /**
   * Work beside the HTTP server (e.g. job processors), started once the service listens, so health
   * probes answer (and name a store it waits for) meanwhile. At shutdown it closes after the server
   * and before the stores, so the work still running can use them.
   */
  startBackground?(deps: { config: C; logger: Logger; stores: S }): Promise<Closable | undefined>;
}

/** Starts a service: validate config once, open stores, listen, start background work; close all on shutdown. */
export async function startService<C extends BaseServiceConfig, S extends ServiceStores>(
  definition: ServiceStartup<C, S>,
): Promise<void> {
  const config = definition.loadConfig(IsolatedEnvironment.fromProcess());
  const logger = createLogger({ service: definition.name, level: config.values.LOG_LEVEL });
  const stores = await definition.openStores(config);
  const app = definition.buildApp({ config, logger, stores });
  const listen = { host: config.values.HOST, port: config.values.PORT };
  let background: Closable | undefined = undefined;
  const closeBackground = () => background?.close() ?? Promise.resolve();
  const address = await serve(app, listen, [closeBackground, () => stores.close()]);
  const modes = Object.fromEntries(
    Object.entries(stores.probes()).map(([tier, probe]) => [tier, probe.mode]),
  );
  logger.info({ address, environment: config.environment, modes }, `${definition.name} listening`);
  background = await definition.startBackground?.({ config, logger, stores });
}
