import { ConfigError, describeConfig, IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { launcherConfigSpec, loadLauncherConfig } from './launcher-config.js';

const load = (values: Record<string, string> = {}) =>
  loadLauncherConfig(IsolatedEnvironment.isolated(values));

describe('launcher configuration', () => {
  it('defaults to the documented ports, loopback host, .netra and no store URLs', () => {
    expect(load().values).toEqual({
      HOST: '127.0.0.1',
      AUTH_PORT: 8081,
      BACKEND_PORT: 8000,
      FRONTEND_PORT: 3000,
      DATABASE_URL: undefined,
      AUTH_DATABASE_URL: undefined,
      REDIS_URL: undefined,
      CLICKHOUSE_URL: undefined,
      ENVIRONMENT: undefined,
      LOG_LEVEL: undefined,
      NETRA_DATA_DIR: '.netra',
      LAUNCHER_READY_TIMEOUT_S: 120,
    });
  });

  it('reads values from the environment', () => {
    const values = load({ BACKEND_PORT: '9000', REDIS_URL: 'redis://cache:6379', LOG_LEVEL: 'debug' }).values;
    expect(values).toMatchObject({ BACKEND_PORT: 9000, REDIS_URL: 'redis://cache:6379', LOG_LEVEL: 'debug' });
  });

  it('reports every problem at once', () => {
    let caught: unknown;
    try {
      load({ AUTH_PORT: 'eighty', REDIS_URL: 'http://not-redis', LAUNCHER_READY_TIMEOUT_S: '-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('AUTH_PORT');
    expect(problems).toContain('REDIS_URL');
    expect(problems).toContain('LAUNCHER_READY_TIMEOUT_S');
  });

  it('documents every variable', () => {
    const rows = describeConfig(launcherConfigSpec);
    expect(rows.map((row) => row.name)).toContain('AUTH_DATABASE_URL');
    expect(rows.filter((row) => row.description.trim() === '')).toEqual([]);
  });
});
