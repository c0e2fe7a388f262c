/**
 * Rule "localhost": a good configuration passes; a localhost URL in a plain variable, in a spec
 * default the service would fall back to, and in a secret's value each fail, naming the variable.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { validationContext, withService } from '#test-support/context.js';
import { goodSecrets } from '#test-support/service-specs.js';
import { localhostRule } from './localhost-rule.js';

describe('localhost rule', () => {
  it('passes when nothing deployed points at this machine', () => {
    expect(localhostRule(validationContext())).toMatchObject({ status: 'passed', problems: [] });
  });

  it('fails for a localhost URL in a plain variable, for the service and the worker sharing it', () => {
    const settings = withService('backend', { env: { AUTH_SERVICE_URL: 'http://localhost:8081' } });
    expect(localhostRule(validationContext({ settings })).problems).toEqual([
      'backend: AUTH_SERVICE_URL points at localhost (http://localhost:8081)',
      'backend-worker: AUTH_SERVICE_URL points at localhost (http://localhost:8081)',
    ]);
  });

  it("fails for a variable left to the service's localhost default", () => {
    const settings = withService('frontend', { env: { AUTH_SERVICE_URL: 'https://auth.{domain}' } });
    expect(localhostRule(validationContext({ settings })).problems).toEqual([
      "frontend: BACKEND_URL points at localhost (http://127.0.0.1:8000, the service's default): set services.frontend.env.BACKEND_URL",
    ]);
  });

  it('fails for a secret whose value points at localhost, without printing the value', () => {
    const secrets = { ...goodSecrets, redis: 'redis://:hunter2@127.0.0.1:6379' };
    const problems = localhostRule(validationContext({ secrets })).problems;
    expect(problems).toEqual([
      'auth: REDIS_URL (secret redis) points at localhost',
      'backend: REDIS_URL (secret redis) points at localhost',
      'backend-worker: REDIS_URL (secret redis) points at localhost',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('masks a password in a plain URL and finds localhost inside a list', () => {
    const env = { AUTH_SERVICE_URL: 'https://auth.{domain}', FRONTEND_URL: 'https://app.{domain}' };
    const settings = withService('auth', {
      env: { ...env, CORS_ORIGINS: 'https://app.{domain},http://u:pw@localhost:3000' },
    });
    expect(localhostRule(validationContext({ settings })).problems).toEqual([
      'auth: CORS_ORIGINS points at localhost (http://u:****@localhost:3000)',
    ]);
  });
});
