import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** CSP directives by name (`'default-src'`, …), each a list of sources. */
export type CspDirectives = Record<string, string[]>;

/**
 * The API-wide Content-Security-Policy. A JSON API serves no page: nothing may load, frame or be
 * framed, and no form or base URL may point anywhere. Browsers apply it when a response is opened
 * as a document (a link to an endpoint, an error page), which is exactly where it matters.
 */
export const API_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** HSTS for deployed services: a year, subdomains included (behind TLS only, so never in development). */
const HSTS = { maxAge: 31_536_000, includeSubDomains: true };

/**
 * Security headers on every response (through @fastify/helmet): `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, the strict API CSP above, cross-origin
 * isolation headers, and `Strict-Transport-Security` only when `hsts` (deployed environments).
 * Must be installed before other hooks, so that answers those hooks refuse carry the headers too.
 */
export function installSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  void app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The frontend is a sibling origin of the same site (app.example.com → api.example.com).
    crossOriginResourcePolicy: { policy: 'same-site' },
    strictTransportSecurity: options.hsts ? HSTS : false,
  });
}

/**
 * Replaces the API-wide CSP for every route under `prefix` registered AFTER this call. Pages that
 * must run their own scripts and styles need it; Swagger UI at `/docs` (@fastify/swagger-ui serves
 * its assets itself, nothing from a CDN) is the expected one:
 *
 * ```ts
 * relaxContentSecurityPolicy(app, '/docs', {
 *   'default-src': ["'self'"],
 *   'script-src': ["'self'"],
 *   'style-src': ["'self'", "'unsafe-inline'"],
 *   'img-src': ["'self'", 'data:'],
 *   'frame-ancestors': ["'none'"],
 * });
 * await app.register(swaggerUi, { routePrefix: '/docs' });
 * ```
 *
 * (swagger-ui's own `staticCSP: true` also works: the header it sets on its routes replaces this one.)
 * Every other header stays as it is.
 */
export function relaxContentSecurityPolicy(
  app: FastifyInstance,
  prefix: string,
  directives: CspDirectives,
): void {
  app.addHook('onRoute', (route) => {
    if (route.url !== prefix && !route.url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) {
      return;
    }
    // @fastify/helmet reads a route's own options from its config and merges them over the global ones.
    route.config = { ...route.config, helmet: { contentSecurityPolicy: { useDefaults: false, directives } } };
  });
}
