import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CorsPolicy } from './cors-policy.js';
import { installErrorHandling } from './error-handler.js';
import { isSafeRequestId, newId } from '#ids/ids.js';
import type { Liveness } from '#health/health.js';

export interface ServiceAppOptions {
  service: string;
  version: string;
  logger: Logger;
  cors: CorsPolicy;
  bodyLimitBytes?: number;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** Honours a safe caller request id, echoes it back, and logs one compact line per request. */
function installRequestTracing(app: FastifyInstance): void {
  // Callback-style hooks: a Fastify reply is thenable, so awaiting reply.header() would wait for the response.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime);
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms }, 'request');
    done();
  });
}

function registerLiveness(app: FastifyInstance, service: string, version: string): void {
  const startedAt = Date.now();
  app.get('/health', (): Liveness => ({
    status: 'ok',
    service,
    version,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
  }));
}

/**
 * A Fastify instance with what every Netra service shares: request ids (honoured from the
 * caller when safe, echoed back), the single error handler, CORS by policy and `GET /health`.
 * Synchronous on purpose: a Fastify instance is thenable, so returning it from an async function
 * would boot it prematurely.
 */
export function createServiceApp(options: ServiceAppOptions): FastifyInstance {
  // Typed as Fastify's base logger so the instance keeps the default generic parameters.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    genReqId: (request) => {
      const incoming = request.headers[REQUEST_ID_HEADER];
      return isSafeRequestId(incoming) ? incoming : newId();
    },
    // One compact line per request (installRequestTracing) instead of Fastify's incoming/completed pair.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
  });
  installRequestTracing(app);
  installErrorHandling(app);
  void app.register(cors, {
    origin: (origin, callback) => {
      callback(null, origin === undefined || options.cors.allows(origin));
    },
    credentials: options.cors.credentials,
  });
  registerLiveness(app, options.service, options.version);
  return app;
}
