import { ConfigError, describeConfig, IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { frontendConfigSpec, loadFrontendConfig } from './frontend-config';

function load(values: Record<string, string>) {
  return loadFrontendConfig(IsolatedEnvironment.isolated(values));
}

function problemsOf(values: Record<string, string>): readonly string[] {
  try {
    load(values);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

const deployedUrls = {
  BACKEND_URL: 'https://api.netra.example',
  AUTH_SERVICE_URL: 'https://auth.netra.example',
  FRONTEND_URL: 'https://app.netra.example',
};

describe('frontend configuration', () => {
  it('uses the documented defaults in development and records that they are defaults', () => {
    const config = load({});
    expect(config.environment).toBe('development');
    expect(config.values).toMatchObject({
      PORT: 3000,
      BACKEND_URL: 'http://127.0.0.1:8000',
      AUTH_SERVICE_URL: 'http://127.0.0.1:8081',
      FRONTEND_URL: 'http://localhost:3000',
    });
    expect(config.origins.BACKEND_URL).toEqual({ source: 'default' });
  });

  it('takes values from the environment it is given', () => {
    const config = load({ BACKEND_URL: 'http://127.0.0.1:18000', PORT: '3100', NODE_ENV: 'test' });
    expect(config.values.BACKEND_URL).toBe('http://127.0.0.1:18000');
    expect(config.values.PORT).toBe(3100);
    expect(config.environment).toBe('test');
    expect(config.origins.BACKEND_URL).toEqual({ source: 'override' });
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ PORT: 'eighty', BACKEND_URL: 'not a url', AUTH_SERVICE_URL: '::' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT=.*invalid/);
    expect(problems.join('\n')).toMatch(/BACKEND_URL=.*invalid/);
    expect(problems.join('\n')).toMatch(/AUTH_SERVICE_URL=.*invalid/);
  });

  it('rejects URLs that are not http(s)', () => {
    expect(problemsOf({ BACKEND_URL: 'ftp://files.example' })).toEqual([
      'BACKEND_URL must be an http(s) URL (got ftp://files.example)',
    ]);
  });

  it('rejects localhost URLs in staging and production', () => {
    for (const environment of ['staging', 'production']) {
      const problems = problemsOf({ ENVIRONMENT: environment });
      expect(problems).toHaveLength(3);
      expect(problems.every((problem) => problem.includes('must not point at localhost'))).toBe(true);
    }
  });

  it('accepts public URLs in production', () => {
    const config = load({ ENVIRONMENT: 'production', ...deployedUrls });
    expect(config.environment).toBe('production');
    expect(config.values.BACKEND_URL).toBe('https://api.netra.example');
  });

  it('rejects an unknown ENVIRONMENT instead of falling back to development', () => {
    expect(problemsOf({ ENVIRONMENT: 'prod' }).join('\n')).toMatch(/ENVIRONMENT must be one of/);
  });

  it('documents every variable for the README table', () => {
    const rows = describeConfig(frontendConfigSpec);
    expect(rows.map((row) => row.name)).toEqual([
      'PORT',
      'BACKEND_URL',
      'AUTH_SERVICE_URL',
      'FRONTEND_URL',
      'ENVIRONMENT',
    ]);
    expect(rows.every((row) => row.description.length > 0 && row.default.length > 0)).toBe(true);
  });
});
