/**
 * The backend's answers carry the security headers every Netra service shares (createServiceApp):
 * a JSON API's strict CSP, nosniff, no framing, no referrer; HSTS only where deployed.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

describe('backend security headers', () => {
  it('are on an ingestion answer, a refused request, health and an unknown route; no HSTS outside deployment', async () => {
    const { key } = await newTestOrganization(backend, 'headers');
    const answers = [
      await backend.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/events',
        headers: { authorization: `Bearer ${key}` },
        payload: [{ timestamp: '2025-06-03T10:00:00.000Z', model: 'gpt-4o' }],
      }),
      await backend.app.inject({ method: 'POST', url: '/api/v1/ingest/events', payload: [] }),
      await backend.app.inject({ url: '/health/ready' }),
      await backend.app.inject({ url: '/no/such/route' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 200, 404]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject(SECURITY_HEADERS);
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('relax only the CSP of Swagger UI at /docs, enough for its own scripts, styles and images', async () => {
    const page = await backend.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
    const document = await backend.app.inject({ url: '/openapi.json' });
    expect(document.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
  });
});
