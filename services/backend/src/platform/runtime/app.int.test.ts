import { errorBodySchema, livenessSchema, readinessSchema } from '@netra/shared';
import { createLogger } from '@netra/shared/server';
import { serviceTestEnvironment, testStores } from '@netra/test-framework/stores';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackendApp, openBackend, type Backend } from '#composition.js';
import { loadBackendConfig } from '#config.js';

let app: FastifyInstance;
let stores: Backend;

beforeAll(async () => {
  const config = loadBackendConfig(
    serviceTestEnvironment({ overrides: { FRONTEND_URL: 'http://localhost:3999' } }),
  );
  stores = await openBackend(config);
  app = buildBackendApp({ config, logger: createLogger({ service: 'backend', level: 'silent' }), stores });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await stores.close();
});

describe('backend health', () => {
  it('is alive at /health and /health/live', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(livenessSchema.parse(response.json())).toMatchObject({ status: 'ok', service: 'backend' });
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(livenessSchema.parse(live.json())).toMatchObject({ status: 'ok', service: 'backend' });
  });

  it('is ready and says which mode each tier runs in', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    const body = readinessSchema.parse(response.json());
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    const { mode } = testStores();
    expect(body.tiers.postgres).toMatchObject({ ok: true, mode: mode.postgres });
    expect(body.tiers.redis).toMatchObject({ ok: true, mode: mode.redis });
    expect(body.tiers.clickhouse).toMatchObject({ ok: true, mode: mode.clickhouse });
    expect(body.environment).toBe('test');
  });
});

describe('backend HTTP conventions', () => {
  it('answers unknown routes with the error model', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(errorBodySchema.parse(response.json()).error.code).toBe('not_found');
  });

  it('echoes a safe caller request id and replaces an unsafe one', async () => {
    const safe = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-42.a' },
    });
    expect(safe.headers['x-request-id']).toBe('trace-42.a');
    const unsafe = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the frontend origin (and its loopback twin) but no other', async () => {
    const allowed = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'http://localhost:3999' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3999');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const twin = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'http://127.0.0.1:3999' },
    });
    expect(twin.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3999');
    const foreign = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});
