import { readinessSchema } from '@netra/shared';
import { createLogger } from '@netra/shared/server';
import { describeFailure } from '@netra/shared/http';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { describe, expect, it } from 'vitest';
import { buildBackendApp, openBackend } from '#composition.js';
import { loadBackendConfig } from '#config.js';

// Nothing listens on port 1.
const UNREACHABLE_REDIS = { REDIS_URL: 'redis://127.0.0.1:1' };
const UNREACHABLE_POSTGRES = { DATABASE_URL: 'postgres://127.0.0.1:1/netra_test' };

describe('backend with a store down', () => {
  it('answers 503 naming the failing tier while the others stay ready', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ overrides: UNREACHABLE_REDIS }));
    const stores = await openBackend(config);
    const app = buildBackendApp({
      config,
      logger: createLogger({ service: 'backend', level: 'silent' }),
      stores,
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      const body = readinessSchema.parse(response.json());
      expect(response.statusCode).toBe(503);
      expect(body.status).toBe('not_ready');
      expect(body.tiers.redis).toMatchObject({ ok: false, mode: 'server' });
      expect(body.tiers.redis?.error).toMatch(/ECONNREFUSED 127.0.0.1:1/);
      expect(body.tiers.postgres?.ok).toBe(true);
      expect(body.tiers.clickhouse?.ok).toBe(true);
    } finally {
      await app.close();
      await stores.close();
    }
  });

  it('refuses to start without PostgreSQL (its migrations run at start), with the reason', async () => {
    const config = loadBackendConfig(serviceTestEnvironment({ overrides: UNREACHABLE_POSTGRES }));
    const failure = await openBackend(config).catch((error: unknown) => error);
    expect(describeFailure(failure)).toMatch(/caused by: .*ECONNREFUSED/);
  });
});
