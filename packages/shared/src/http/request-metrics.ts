/**
 * Prometheus metrics every service exposes (`GET /metrics`, text exposition format): HTTP latency
 * per method, route pattern and status, and the process metrics. One registry per app instance, so
 * several apps in one process (tests) never share or collide on series; a service adds its own
 * metrics to the same registry.
 *
 * Label values are bounded: routes are their patterns (`/api/v1/orgs/:org_id`), never raw URLs, and
 * requests that match no route share one label.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The route label of a request that matched no route (404s, probes for random paths). */
export const UNMATCHED_ROUTE = 'unmatched';
const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** `hide` is @fastify/swagger's (where a service installs it): `/metrics` is not part of the REST API. */
const HIDDEN_FROM_OPENAPI = { hide: true } as FastifySchema;

export interface RequestMetrics {
  readonly registry: Registry;
  /** Records one answered HTTP request. */
  readonly observeRequest: (request: FastifyRequest, reply: FastifyReply) => void;
}

/** A fresh registry (or `registry`) with the process metrics and the request latency histogram. */
export function createRequestMetrics(registry = new Registry()): RequestMetrics {
  collectDefaultMetrics({ register: registry });
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest: (request, reply) => {
      const route = request.is404 ? undefined : request.routeOptions.url;
      histogram.observe(
        {
          method: METHODS.has(request.method) ? request.method : 'OTHER',
          route: route ?? UNMATCHED_ROUTE,
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    },
  };
}

/** Times every request the app answers; install on the root instance so every scope is covered. */
export function installRequestMetrics(app: FastifyInstance, metrics: RequestMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request, reply);
  });
}

/** `GET /metrics`: public like `/health` (scrapers carry no token); register it in a public scope. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Pick<RequestMetrics, 'registry'>): void {
  app.get('/metrics', { schema: HIDDEN_FROM_OPENAPI }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
