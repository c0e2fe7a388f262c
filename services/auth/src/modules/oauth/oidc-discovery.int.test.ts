import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBodySchema } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { startAuthTestApp } from '#test-support/auth-app.js';
import { closeServer } from '#test-support/oidc-servers.js';

/** A loopback URL on which nothing listens any more. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

describe('OIDC discovery', () => {
  it('answers 502 provider_unavailable when the issuer cannot be reached, on every attempt', async () => {
    const auth = await startAuthTestApp({
      OIDC_ISSUER_URL: await closedPortUrl(),
      OIDC_CLIENT_ID: 'netra-auth',
      RATE_LIMIT_PER_IP: '10000',
    });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await auth.app.inject({ method: 'GET', url: '/auth/login/oidc' });
        expect(response.statusCode).toBe(502);
        expect(errorBodySchema.parse(response.json()).error.code).toBe('provider_unavailable');
      }
    } finally {
      await auth.close();
    }
  });
});
