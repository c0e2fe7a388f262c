import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serviceTestEnvironment, tempDataDir, testStores } from './index.js';

describe('testStores in a project without the global setup (unit)', () => {
  it('reports every store embedded, with one namespace for the whole file', () => {
    const stores = testStores();
    expect(stores.mode).toEqual({ postgres: 'embedded', redis: 'embedded', clickhouse: 'embedded' });
    expect(stores.databaseUrl).toBeUndefined();
    expect(stores.redisNamespace).toBe(`netra-test-${stores.runId}`);
    expect(testStores()).toBe(stores);
  });
});

describe('tempDataDir', () => {
  const fileLevel = tempDataDir('file-level');
  let inTest = '';

  afterAll(() => {
    // The directory made inside a test is gone once that test finished.
    expect(existsSync(inTest)).toBe(false);
  });

  it('creates an empty directory that lives until the end of its block', () => {
    expect(existsSync(fileLevel)).toBe(true);
    writeFileSync(join(fileLevel, 'x'), 'x');
  });

  it('removes a directory made inside a test when that test finishes', () => {
    inTest = tempDataDir('in-test');
    expect(existsSync(inTest)).toBe(true);
    expect(inTest).not.toBe(fileLevel);
  });
});

describe('serviceTestEnvironment', () => {
  it('builds an isolated test environment without server URLs in embedded mode', () => {
    const env = serviceTestEnvironment({ dataDir: '/tmp/netra-data', overrides: { LOG_LEVEL: 'silent' } });
    expect(env.toRecord()).toEqual({
      ENVIRONMENT: 'test',
      NODE_ENV: 'test',
      REDIS_NAMESPACE: testStores().redisNamespace,
      NETRA_DATA_DIR: '/tmp/netra-data',
      LOG_LEVEL: 'silent',
    });
    expect(env.originOf('ENVIRONMENT')).toEqual({ source: 'override' });
  });

  it('gives each call a fresh data directory unless one is passed', () => {
    const first = serviceTestEnvironment().get('NETRA_DATA_DIR');
    const second = serviceTestEnvironment().get('NETRA_DATA_DIR');
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
    expect(existsSync(first ?? '')).toBe(true);
  });
});
