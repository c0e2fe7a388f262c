import { IsolatedEnvironment } from '@netra/shared/server';
import { compareReadmeConfig } from '@netra/test-framework/docs';
import { describe, expect, it } from 'vitest';
import { authConfigSpec, loadAuthConfig } from './config.js';

describe('auth configuration', () => {
  it('is documented in the README exactly as the schema defines it', () => {
    const { documented, expected } = compareReadmeConfig(authConfigSpec, 'auth');
    expect(documented, 'README section <!-- config:auth --> is missing').toBeDefined();
    expect(documented).toBe(expected);
  });

  it('starts with defaults alone (embedded mode)', () => {
    const config = loadAuthConfig(IsolatedEnvironment.isolated({}));
    expect(config.environment).toBe('development');
    expect(config.values.REDIS_URL).toBeUndefined();
  });

  it('lists every problem together', () => {
    const env = IsolatedEnvironment.isolated({ PORT: 'x', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    expect(() => loadAuthConfig(env)).toThrow(/PORT[\s\S]*LOG_LEVEL[\s\S]*REDIS_URL/);
  });

  it('refuses embedded stores and localhost URLs in production', () => {
    const env = IsolatedEnvironment.isolated({ ENVIRONMENT: 'production' });
    expect(() => loadAuthConfig(env)).toThrow(/REDIS_URL is required outside development/);
  });

  it('refuses a plain-text remote database in staging', () => {
    const env = IsolatedEnvironment.isolated({
      ENVIRONMENT: 'staging',
      DATABASE_URL: 'postgres://db.example.com/netra?sslmode=disable',
    });
    expect(() => loadAuthConfig(env)).toThrow(/without TLS is refused in staging/);
  });

  it('wants provider credentials in pairs', () => {
    const env = IsolatedEnvironment.isolated({ GITHUB_CLIENT_ID: 'abc', OIDC_CLIENT_ID: 'x' });
    expect(() => loadAuthConfig(env)).toThrow(
      /GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together/,
    );
    expect(() => loadAuthConfig(env)).toThrow(/OIDC_ISSUER_URL and OIDC_CLIENT_ID must be set together/);
  });

  it('requires signing keys, a provider and short access tokens when deployed', () => {
    const env = IsolatedEnvironment.isolated({
      ENVIRONMENT: 'production',
      AUTH_DATABASE_URL: 'postgres://db.example.com/auth?sslmode=require',
      REDIS_URL: 'rediss://cache.example.com:6380',
      AUTH_SERVICE_URL: 'https://auth.netra.example',
      FRONTEND_URL: 'https://app.netra.example',
      ACCESS_TOKEN_TTL_S: '86400',
    });
    const problems = (() => {
      try {
        loadAuthConfig(env);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(problems).toMatch(/AUTH_SIGNING_KEYS is required in production/);
    expect(problems).toMatch(/an OAuth\/OIDC provider must be configured in production/);
    expect(problems).toMatch(/ACCESS_TOKEN_TTL_S must be at most 3600/);
    expect(problems).not.toMatch(/localhost/);
  });
});
