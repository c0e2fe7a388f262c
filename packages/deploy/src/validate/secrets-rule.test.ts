/**
 * Rule "secrets": a good configuration passes; a missing reference, a secret deployed as a plain
 * variable and a referenced secret that does not exist each fail with a message naming it.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSecretSource } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { readSecretValues } from '#secret-values.js';
import { validationContext, withService } from '#test-support/context.js';
import { goodSecrets } from '#test-support/service-specs.js';
import { secretsRule } from './secrets-rule.js';

const authSecrets = { AUTH_DATABASE_URL: 'auth-db', REDIS_URL: 'redis', AUTH_SIGNING_KEYS: 'signing-keys' };

describe('secrets rule', () => {
  it('passes when every needed secret is referenced and exists', () => {
    const rule = secretsRule(validationContext());
    expect(rule.status).toBe('passed');
    expect(rule.notes).toEqual(['5 secrets found in test secrets']);
  });

  it('fails for a required secret without a reference, derived from the spec', () => {
    const { AUTH_SIGNING_KEYS: _dropped, ...rest } = authSecrets;
    const rule = secretsRule(validationContext({ settings: withService('auth', { secrets: rest }) }));
    expect(rule.problems).toEqual([
      'auth: AUTH_SIGNING_KEYS is required in staging and has no secret reference (services.auth.secrets.AUTH_SIGNING_KEYS)',
    ]);
  });

  it('fails for a missing store URL of the backend and names the worker that inherits it', () => {
    const settings = withService('backend', {
      secrets: { REDIS_URL: 'redis', CLICKHOUSE_URL: 'clickhouse' },
    });
    expect(secretsRule(validationContext({ settings })).problems).toEqual([
      'backend: DATABASE_URL is required in staging and has no secret reference (services.backend.secrets.DATABASE_URL)',
      'backend-worker: DATABASE_URL is required in staging and has no secret reference (services.backend.secrets.DATABASE_URL)',
    ]);
  });

  it('fails for a secret deployed as a plain variable, and for its missing half', () => {
    const env = {
      AUTH_SERVICE_URL: 'https://auth.{domain}',
      FRONTEND_URL: 'https://app.{domain}',
      GOOGLE_CLIENT_ID: 'id',
    };
    const plain = withService('auth', { env: { ...env, GOOGLE_CLIENT_SECRET: 's3cr3t' } });
    expect(secretsRule(validationContext({ settings: plain })).problems).toEqual([
      'auth: GOOGLE_CLIENT_SECRET holds a secret: move it from services.auth.env to .secrets',
    ]);
    const half = withService('auth', { env });
    expect(secretsRule(validationContext({ settings: half })).problems).toEqual([
      'auth: GOOGLE_CLIENT_SECRET is required in staging and has no secret reference (services.auth.secrets.GOOGLE_CLIENT_SECRET)',
    ]);
  });

  it('fails for a referenced secret the source does not have (a directory of secret files)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netra-deploy-secrets-'));
    try {
      for (const [id, value] of Object.entries(goodSecrets).filter(([id]) => id !== 'signing-keys')) {
        writeFileSync(join(dir, id), `${value}\n`);
      }
      const context = validationContext();
      const secrets = await readSecretValues(context.plan, new FileSecretSource(dir));
      expect(secretsRule({ ...context, secrets }).problems).toEqual([
        `auth: secret signing-keys (AUTH_SIGNING_KEYS) does not exist or is empty in directory ${dir}`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in a dry run against Secret Manager, checks the references and lists the secrets it did not read', () => {
    const rule = secretsRule(validationContext({ secrets: undefined }));
    expect(rule.status).toBe('passed');
    expect(rule.notes).toEqual([
      'existence not checked: a dry run reads nothing from Secret Manager (project acme-staging) (5 secrets: auth-db, backend-db, clickhouse, redis, signing-keys)',
    ]);
  });
});
