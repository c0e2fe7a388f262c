import { isDeployedEnvironment } from '@netra/shared';
import type { RuntimeConfig } from '../browser/runtime-config';

/** Two years, the preload list's minimum; only ever sent where the app is served over HTTPS. */
const HSTS = 'max-age=63072000; includeSubDomains';

function origin(url: string): string {
  return new URL(url).origin;
}

/** The WebSocket origin of an HTTP(S) service: `/ws` lives on the backend. */
function socketOrigin(url: string): string {
  const parsed = new URL(url);
  parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return parsed.origin;
}

/**
 * The Content-Security-Policy of one page. Scripts: only this app's own and the inline ones carrying
 * this response's nonce (Next adds it to its own; `strict-dynamic` lets them load their chunks).
 * Connections: this app, the backend (HTTP and `/ws`) and the auth service, from the runtime
 * configuration. Styles allow inline attributes, which React and the chart library set.
 */
export function contentSecurityPolicy(nonce: string, config: RuntimeConfig): string {
  const services = config.services.map((service) => origin(service.url));
  const sockets = config.services
    .filter((service) => service.id === 'backend')
    .map((service) => socketOrigin(service.url));
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${[...new Set([...services, ...sockets])].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isDeployedEnvironment(config.environment) ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers every page response carries: the CSP, and HSTS once deployed (staging, production). */
export function pageSecurityHeaders(nonce: string, config: RuntimeConfig): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(nonce, config),
    ...(isDeployedEnvironment(config.environment) ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
