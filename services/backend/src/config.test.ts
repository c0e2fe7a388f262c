import { IsolatedEnvironment } from '@netra/shared/server';
import { compareReadmeConfig } from '@netra/test-framework/docs';
import { describe, expect, it } from 'vitest';
import { backendConfigSpec, loadBackendConfig } from './config.js';

describe('backend configuration', () => {
  it('is documented in the README exactly as the schema defines it', () => {
    const { documented, expected } = compareReadmeConfig(backendConfigSpec, 'backend');
    expect(documented, 'README section <!-- config:backend --> is missing').toBeDefined();
    expect(documented).toBe(expected);
  });

  it('starts with defaults alone (embedded mode)', () => {
    const config = loadBackendConfig(IsolatedEnvironment.isolated({}));
    expect(config.environment).toBe('development');
    expect(config.values.REDIS_URL).toBeUndefined();
  });

  it('lists every problem together', () => {
    const env = IsolatedEnvironment.isolated({ PORT: 'x', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    expect(() => loadBackendConfig(env)).toThrow(/PORT[\s\S]*LOG_LEVEL[\s\S]*REDIS_URL/);
  });

  it('runs without an LLM by default and names what a configured one lacks', () => {
    expect(loadBackendConfig(IsolatedEnvironment.isolated({})).values.LLM_PROVIDER).toBe('none');
    const env = IsolatedEnvironment.isolated({
      LLM_PROVIDER: 'anthropic',
      LLM_MODEL: 'claude-3-5-haiku-latest',
    });
    expect(() => loadBackendConfig(env)).toThrow(/LLM_API_KEY is required when LLM_PROVIDER is anthropic/);
  });

  it('runs ClickHouse cluster mode only on servers', () => {
    expect(() => loadBackendConfig(IsolatedEnvironment.isolated({ CLICKHOUSE_CLUSTER: 'netra' }))).toThrow(
      /CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL/,
    );
    const clustered = IsolatedEnvironment.isolated({
      CLICKHOUSE_CLUSTER: 'netra',
      CLICKHOUSE_URL: 'http://clickhouse:8123',
    });
    expect(loadBackendConfig(clustered).values.CLICKHOUSE_CLUSTER).toBe('netra');
    expect(() => loadBackendConfig(IsolatedEnvironment.isolated({ CLICKHOUSE_CLUSTER: 'a b' }))).toThrow(
      /CLICKHOUSE_CLUSTER/,
    );
  });

  it('requires the public URL once deployed and defaults it in development', () => {
    expect(loadBackendConfig(IsolatedEnvironment.isolated({})).values.BACKEND_PUBLIC_URL).toBe(
      'http://localhost:8000',
    );
    const env = IsolatedEnvironment.isolated({ ENVIRONMENT: 'production' });
    expect(() => loadBackendConfig(env)).toThrow(/BACKEND_PUBLIC_URL is required in staging and production/);
  });

  it('refuses embedded stores and localhost URLs in production', () => {
    const env = IsolatedEnvironment.isolated({ ENVIRONMENT: 'production' });
    expect(() => loadBackendConfig(env)).toThrow(/REDIS_URL is required outside development/);
  });

  it('refuses a plain-text remote database in staging', () => {
    const env = IsolatedEnvironment.isolated({
      ENVIRONMENT: 'staging',
      DATABASE_URL: 'postgres://db.example.com/netra?sslmode=disable',
    });
    expect(() => loadBackendConfig(env)).toThrow(/without TLS is refused in staging/);
  });
});
