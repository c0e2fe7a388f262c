import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IsolatedEnvironment } from '@netra/shared/server';
import { TestStoreRefusedError } from './test-database.js';
import { describeStores, prepareTestStores } from './test-stores.js';

describe('prepareTestStores', () => {
  it('keeps every store embedded when no URL is configured', async () => {
    const { stores, teardown } = await prepareTestStores(IsolatedEnvironment.isolated({ DATABASE_URL: '' }));
    expect(stores.mode).toEqual({ postgres: 'embedded', redis: 'embedded', clickhouse: 'embedded' });
    expect(stores.databaseUrl).toBeUndefined();
    expect(stores.redisNamespace).toBe(`netra-test-${stores.runId}`);
    expect(existsSync(stores.tempRoot)).toBe(true);
    expect(describeStores(stores)).toContain('postgres embedded');
    await teardown();
    expect(existsSync(stores.tempRoot)).toBe(false);
  });

  it('refuses a DATABASE_URL that does not name a test database, before connecting', async () => {
    // Port 1 has no server: reaching the network would fail differently.
    const env = IsolatedEnvironment.isolated({ DATABASE_URL: 'postgres://127.0.0.1:1/netra' });
    await expect(prepareTestStores(env)).rejects.toThrow(TestStoreRefusedError);
  });
});
