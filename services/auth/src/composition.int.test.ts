import { livenessSchema, readinessSchema } from '@netra/shared';
import { tempDataDir, testStores } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

describe('auth health', () => {
  it('is alive', async () => {
    const response = await auth.app.inject({ method: 'GET', url: '/health' });
    expect(livenessSchema.parse(response.json())).toMatchObject({ status: 'ok', service: 'auth' });
  });

  it('is ready on the run stores and reports their modes', async () => {
    const response = await auth.app.inject({ method: 'GET', url: '/health/ready' });
    const body = readinessSchema.parse(response.json());
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    expect(body.tiers.postgres).toMatchObject({ ok: true, mode: testStores().mode.postgres });
    expect(body.tiers.redis).toMatchObject({ ok: true, mode: testStores().mode.redis });
    expect(Object.keys(body.tiers).sort()).toEqual(['postgres', 'redis']);
  });

  it('runs its migrations idempotently (a second start on the same database)', async () => {
    const dataDir = tempDataDir('restart');
    await (await startAuthTestApp({ NETRA_DATA_DIR: dataDir })).close();
    const again = await startAuthTestApp({ NETRA_DATA_DIR: dataDir });
    const ready = await again.app.inject({ method: 'GET', url: '/health/ready' });
    await again.close();
    expect(ready.statusCode).toBe(200);
  });
});
