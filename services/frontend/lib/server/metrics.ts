import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The frontend server's Prometheus registry: the process metrics (CPU, memory, event loop lag,
 * garbage collection), which show how the server that renders the pages is doing. One per process:
 * kept on globalThis because development reloads this module without a new process, and prom-client
 * refuses to register the same metric twice in one registry.
 */
const KEY = Symbol.for('netra.frontend.metrics');

type WithRegistry = typeof globalThis & { [KEY]?: Registry };

export function metricsRegistry(): Registry {
  const holder = globalThis as WithRegistry;
  if (holder[KEY] === undefined) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    holder[KEY] = registry;
  }
  return holder[KEY];
}

/** The `GET /metrics` answer in Prometheus's text format. */
export async function metricsResponse(): Promise<Response> {
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
