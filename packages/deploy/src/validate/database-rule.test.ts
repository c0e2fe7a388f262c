/**
 * Rule "database": the shared resolver's TLS rules applied to every PostgreSQL URL a service would
 * use — a cloud database without TLS is refused — and, with --run-checks, a real connection attempt.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { validationContext } from '#test-support/context.js';
import { goodSecrets } from '#test-support/service-specs.js';
import { databaseRule } from './database-rule.js';

describe('database rule', () => {
  it('passes TLS databases and says how each one resolves', async () => {
    const rule = await databaseRule(validationContext());
    expect(rule.status).toBe('passed');
    expect(rule.notes).toEqual([
      'auth: AUTH_DATABASE_URL → 10.1.0.5:5432 sslmode=verify-full',
      'backend: DATABASE_URL → db.internal.example.com:5432 sslmode=require',
      'backend-worker: DATABASE_URL → db.internal.example.com:5432 sslmode=require',
    ]);
  });

  it('refuses a cloud database without TLS', async () => {
    const secrets = {
      ...goodSecrets,
      'backend-db': 'postgres://app:pw@db.example.com/netra?sslmode=disable',
    };
    const rule = await databaseRule(validationContext({ secrets }));
    expect(rule.problems).toEqual([
      'backend: DATABASE_URL: a remote database without TLS is refused in staging (sslmode=disable); use sslmode=require or stricter',
      'backend-worker: DATABASE_URL: a remote database without TLS is refused in staging (sslmode=disable); use sslmode=require or stricter',
    ]);
  });

  it('upgrades an unspecified remote to TLS and accepts a Cloud SQL socket without it', async () => {
    const secrets = {
      ...goodSecrets,
      'auth-db': 'postgres://auth:pw@/auth?host=/cloudsql/acme:europe-west1:netra&sslmode=require',
      'backend-db': 'postgres://app:pw@10.2.0.7/netra',
    };
    const rule = await databaseRule(validationContext({ secrets }));
    expect(rule.status).toBe('passed');
    expect(rule.notes[0]).toBe(
      'auth: AUTH_DATABASE_URL → /cloudsql/acme:europe-west1:netra:5432 sslmode=disable',
    );
    expect(rule.notes[1]).toBe('backend: DATABASE_URL → 10.2.0.7:5432 sslmode=require');
  });

  it('with --run-checks, fails for a database that refuses the connection (connected once per URL)', async () => {
    const secrets = { ...goodSecrets, 'backend-db': 'postgres://app:pw@127.0.0.1:1/netra' };
    const context = validationContext({ secrets, runChecks: true });
    const probed: string[] = [];
    const probes = {
      ...context.probes,
      postgres: (url: Parameters<typeof context.probes.postgres>[0]) => {
        probed.push(url.redacted);
        return url.host === '127.0.0.1' ? context.probes.postgres(url) : Promise.resolve();
      },
    };
    const rule = await databaseRule({ ...context, probes });
    expect(probed).toEqual([
      'postgresql://auth:****@10.1.0.5:5432/auth',
      'postgresql://app:****@127.0.0.1:1/netra',
    ]);
    expect(rule.problems).toHaveLength(1);
    expect(rule.problems[0]).toMatch(
      /^backend, backend-worker: DATABASE_URL: cannot connect to 127\.0\.0\.1:1 \(sslmode=disable\): .*ECONNREFUSED/,
    );
  });

  it('in a dry run, says which URLs sit in secrets it did not read', async () => {
    const rule = await databaseRule(validationContext({ secrets: undefined }));
    expect(rule.status).toBe('passed');
    expect(rule.notes).toContain('auth: AUTH_DATABASE_URL is in secret auth-db, not read in a dry run');
  });
});
