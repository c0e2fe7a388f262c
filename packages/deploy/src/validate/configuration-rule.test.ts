/**
 * Rule "configuration": each service's spec loaded as its container will load it — a good
 * configuration passes, an invalid value fails with the spec's own message, and a secret's value
 * never appears in the report.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { validationContext, withService } from '#test-support/context.js';
import { goodSecrets } from '#test-support/service-specs.js';
import { configurationRule } from './configuration-rule.js';

const authEnv = { AUTH_SERVICE_URL: 'https://auth.{domain}', FRONTEND_URL: 'https://app.{domain}' };

describe('configuration rule', () => {
  it('passes when every service loads its configuration', () => {
    expect(configurationRule(validationContext())).toMatchObject({
      status: 'passed',
      notes: ['4 services load their configuration'],
    });
  });

  it('fails with the spec’s own message for a value the service would refuse at start', () => {
    const settings = withService('auth', { env: { ...authEnv, LOG_LEVEL: 'verbose' } });
    const problems = configurationRule(validationContext({ settings })).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^auth: LOG_LEVEL="verbose" is invalid: /);
  });

  it('fails for an invalid secret value without quoting it', () => {
    const secrets = { ...goodSecrets, redis: 'http://cache.internal.example.com:6379' };
    const problems = configurationRule(validationContext({ secrets })).problems;
    expect(problems[0]).toBe(
      'auth: REDIS_URL="****" is invalid: must be a URL starting with redis:// or rediss://',
    );
    expect(problems.join('\n')).not.toContain('cache.internal');
  });

  it('is skipped in a dry run that reads no secret', () => {
    expect(configurationRule(validationContext({ secrets: undefined })).status).toBe('skipped');
  });
});
