import type { EnvironmentName } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../browser/runtime-config';
import { contentSecurityPolicy, newNonce, pageSecurityHeaders } from './page-security';

function config(environment: EnvironmentName, backend: string, auth: string): RuntimeConfig {
  return {
    environment,
    services: [
      { id: 'backend', name: 'Main backend', url: backend },
      { id: 'auth', name: 'Auth service', url: auth },
    ],
  };
}

const local = config('development', 'http://127.0.0.1:8000', 'http://127.0.0.1:8081');
const deployed = config('production', 'https://api.netra.example/v', 'https://auth.netra.example');

function directive(policy: string, name: string): string | undefined {
  return policy.split('; ').find((entry) => entry.startsWith(`${name} `) || entry === name);
}

describe('page security headers', () => {
  it('lets scripts run only from the app or with this response nonce', () => {
    const policy = contentSecurityPolicy('abc123', local);
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(directive(policy, 'object-src')).toBe("object-src 'none'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('allows connections to the configured backend (HTTP and WebSocket) and auth service, by origin', () => {
    expect(directive(contentSecurityPolicy('n', local), 'connect-src')).toBe(
      "connect-src 'self' http://127.0.0.1:8000 http://127.0.0.1:8081 ws://127.0.0.1:8000",
    );
    expect(directive(contentSecurityPolicy('n', deployed), 'connect-src')).toBe(
      "connect-src 'self' https://api.netra.example https://auth.netra.example wss://api.netra.example",
    );
  });

  it('sends HSTS and upgrades insecure requests only once deployed', () => {
    expect(pageSecurityHeaders('n', local)).not.toHaveProperty('strict-transport-security');
    expect(directive(contentSecurityPolicy('n', local), 'upgrade-insecure-requests')).toBeUndefined();
    const headers = pageSecurityHeaders('n', deployed);
    expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(directive(headers['content-security-policy'] ?? '', 'upgrade-insecure-requests')).toBeDefined();
  });

  it('makes a new unguessable nonce for every response', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
