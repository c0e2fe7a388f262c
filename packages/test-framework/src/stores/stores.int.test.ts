import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { IsolatedEnvironment } from '@netra/shared/server';
import { withClient } from '#setup/postgres-run.js';
import { serviceTestEnvironment, tempDataDir, testStores } from './index.js';

const env = IsolatedEnvironment.fromProcess({ dotenv: false });

describe('testStores under the integration global setup', () => {
  it('is the run prepared by the global setup, with a temporary root that exists', () => {
    const stores = testStores();
    expect(stores.redisNamespace).toBe(`netra-test-${stores.runId}`);
    expect(existsSync(stores.tempRoot)).toBe(true);
    expect(tempDataDir().startsWith(stores.tempRoot)).toBe(true);
    expect(stores.mode.postgres).toBe(env.get('DATABASE_URL') === undefined ? 'embedded' : 'server');
    expect(stores.mode.redis).toBe(env.get('REDIS_URL') === undefined ? 'embedded' : 'server');
  });
});

describe.runIf(env.get('DATABASE_URL') !== undefined)('a service environment in server mode', () => {
  it('points DATABASE_URL and AUTH_DATABASE_URL at the run databases', async () => {
    const service = serviceTestEnvironment();
    const { runId } = testStores();
    const current = async (url: string | undefined) =>
      (
        await withClient(url ?? '', (client) =>
          client.query<{ db: string }>('SELECT current_database() AS db'),
        )
      ).rows[0]?.db;
    expect(await current(service.get('DATABASE_URL'))).toBe(`netra_test_${runId}`);
    expect(await current(service.get('AUTH_DATABASE_URL'))).toBe(`netra_test_${runId}_auth`);
  });
});

describe.runIf(env.get('REDIS_URL') !== undefined)('a service environment with Redis', () => {
  const redis = new Redis(env.get('REDIS_URL') ?? '', { lazyConnect: true });
  afterAll(() => {
    redis.disconnect();
  });

  it('hands out the run namespace, whose keys the teardown deletes', async () => {
    const service = serviceTestEnvironment();
    expect(service.get('REDIS_URL')).toBe(env.get('REDIS_URL'));
    const namespace = service.get('REDIS_NAMESPACE') ?? '';
    await redis.connect();
    // Left behind on purpose: the global teardown must remove it (checked by the setup's own tests).
    await redis.set(`${namespace}:left-by-a-test`, '1');
    expect(await redis.get(`${namespace}:left-by-a-test`)).toBe('1');
  });
});
