import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { CorsPolicy } from './cors-policy.js';
import { installErrorHandling } from './error-handler.js';
import { installSecurityHeaders } from './security-headers.js';
import { AppError } from '#errors/app-error.js';
import { isSafeRequestId, newId } from '#ids/ids.js';
import { isDeployedEnvironment, type EnvironmentName } from '#env/environment.js';
import type { Liveness } from '#health/health.js';

export interface ServiceAppOptions {
  service: string;
  version: string;
  logger: Logger;
  cors: CorsPolicy;
  bodyLimitBytes?: number;
  /** Where the service runs; HSTS is sent only when deployed (staging, production). */
  environment?: EnvironmentName;
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

/** Set once `close()` begins; read by the drain hooks. */
interface DrainState {
  draining: boolean;
}

const shuttingDown = () =>
  new AppError(503, 'shutting_down', 'The service is shutting down; send the request again', {
    expose: true,
    details: { retry_after_s: 1 },
  });

/** A request that reaches the app once the drain began is not started: 503, and the connection closes. */
function refuseNewWork(app: FastifyInstance, state: DrainState): void {
  app.addHook('onRequest', (_request, reply, done) => {
    if (!state.draining) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    done(shuttingDown());
  });
}

/** Answers given while draining close their connection, and idle connections close at once. */
function closeConnectionsAfterAnswers(app: FastifyInstance, state: DrainState): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (state.draining) {
      void reply.header('connection', 'close');
    }
    done(null, payload);
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    if (state.draining) {
      // After this response the socket is idle: close it (and any other idle one) on the next turn.
      setImmediate(() => {
        app.server.closeIdleConnections();
      });
    }
    done();
  });
}

/**
 * Graceful shutdown, the service side (`serve` in lifecycle.ts is the process side). Once `close()`
 * begins, the listener stops accepting; a request that still reaches the app (on a connection opened
 * earlier) is answered 503 `shutting_down`; requests already in flight finish and are answered with
 * `Connection: close`; and each connection is closed as soon as it falls idle, so the drain ends when
 * the last answer is out instead of when keep-alive timers run down.
 */
function installDrain(app: FastifyInstance): void {
  const state: DrainState = { draining: false };
  app.addHook('preClose', (done) => {
    state.draining = true;
    done();
  });
  refuseNewWork(app, state);
  closeConnectionsAfterAnswers(app, state);
}

function registerLiveness(app: FastifyInstance, service: string, version: string): void {
  const startedAt = Date.now();
  const liveness = (): Liveness => ({
    status: 'ok',
    service,
    version,
    uptime_s: Math.round((Date.now() - startedAt) / 1000),
  });
  // `/health/live` is the same answer under the name probes expect next to `/health/ready`.
  app.get('/health', liveness);
  app.get('/health/live', liveness);
}

/** The Fastify instance itself, before any hook or route. */
function newFastify(options: ServiceAppOptions): FastifyInstance {
  // Typed as Fastify's base logger so the instance keeps the default generic parameters.
  const loggerInstance: FastifyBaseLogger = options.logger;
  return Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    genReqId: (request) => {
      const incoming = request.headers[REQUEST_ID_HEADER];
      return isSafeRequestId(incoming) ? incoming : newId();
    },
    // One compact line per request (installRequestTracing) instead of Fastify's incoming/completed pair.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests arriving while closing get our own 503 `shutting_down` (installDrain), in the error model.
    return503OnClosing: false,
  });
}

/** The methods a browser on an allowed origin may use: every method the REST API has. */
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A Fastify instance with what every Netra service shares: request ids (honoured from the
 * caller when safe, echoed back), security headers, a draining shutdown, the single error handler,
 * CORS by policy and `GET /health`. Synchronous on purpose: a Fastify instance is thenable, so
 * returning it from an async function would boot it prematurely.
 */
export function createServiceApp(options: ServiceAppOptions): FastifyInstance {
  const app = newFastify(options);
  // Hooks run in this order: the request id and the security headers are on every answer, the 503 included.
  installRequestTracing(app);
  installSecurityHeaders(app, {
    hsts: options.environment !== undefined && isDeployedEnvironment(options.environment),
  });
  installDrain(app);
  installErrorHandling(app);
  void app.register(cors, {
    origin: (origin, callback) => {
      callback(null, origin === undefined || options.cors.allows(origin));
    },
    credentials: options.cors.credentials,
    // The plugin's default allows only GET, HEAD and POST: a browser's preflight for PATCH or DELETE
    // (change a role, remove a budget, rename the account) would be refused.
    methods: CORS_METHODS,
    // A cross-origin page sees only a few response headers unless told: the web app names a
    // downloaded export after its Content-Disposition.
    exposedHeaders: ['Content-Disposition'],
  });
  registerLiveness(app, options.service, options.version);
  return app;
}
