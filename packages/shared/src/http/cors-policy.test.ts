import { describe, expect, it } from 'vitest';
import { buildCorsPolicy, CorsPolicyError, defaultCorsOrigins } from './cors-policy.js';

describe('buildCorsPolicy', () => {
  it('allows exactly the listed origins', () => {
    const policy = buildCorsPolicy({
      environment: 'development',
      origins: ['http://localhost:3000', 'http://127.0.0.1:3000/'],
      credentials: true,
    });
    expect(policy.origins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(policy.allows('http://localhost:3000')).toBe(true);
    expect(policy.allows('http://localhost:3001')).toBe(false);
    expect(policy.allows('https://evil.example')).toBe(false);
    expect(policy.allows(undefined)).toBe(false);
  });

  it('throws when credentials are combined with *', () => {
    expect(() => buildCorsPolicy({ environment: 'development', origins: ['*'], credentials: true })).toThrow(
      CorsPolicyError,
    );
  });

  it('allows * without credentials in development', () => {
    const policy = buildCorsPolicy({ environment: 'development', origins: ['*'], credentials: false });
    expect(policy.allows('https://anything.example')).toBe(true);
  });

  it('demands an explicit https list in staging and production', () => {
    expect(() => buildCorsPolicy({ environment: 'production', origins: [], credentials: true })).toThrow(
      /listed explicitly/,
    );
    expect(() =>
      buildCorsPolicy({ environment: 'staging', origins: ['http://app.example.com'], credentials: true }),
    ).toThrow(/https/);
    const policy = buildCorsPolicy({
      environment: 'production',
      origins: ['https://app.netra.example'],
      credentials: true,
    });
    expect(policy.allows('https://app.netra.example')).toBe(true);
  });

  it('rejects entries that are not bare origins', () => {
    expect(() =>
      buildCorsPolicy({
        environment: 'development',
        origins: ['http://localhost:3000/app'],
        credentials: false,
      }),
    ).toThrow(/scheme:\/\/host/);
    expect(() =>
      buildCorsPolicy({ environment: 'development', origins: ['localhost'], credentials: false }),
    ).toThrow(/not a URL origin/);
  });
});

describe('defaultCorsOrigins', () => {
  it('uses the configured list when there is one', () => {
    expect(defaultCorsOrigins(['https://a.example'], 'http://localhost:3000', 'development')).toEqual([
      'https://a.example',
    ]);
  });

  it('adds the loopback twin of the frontend in development', () => {
    expect(defaultCorsOrigins([], 'http://localhost:3000', 'development')).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });

  it('uses only the frontend origin when deployed', () => {
    expect(defaultCorsOrigins([], 'https://app.netra.example/', 'production')).toEqual([
      'https://app.netra.example',
    ]);
  });
});
