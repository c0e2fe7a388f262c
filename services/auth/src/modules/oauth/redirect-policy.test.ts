import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '#config.js';
import { allowedRedirectOrigins, resolveRedirect } from './redirect-policy.js';

const configWith = (values: Record<string, string>) =>
  loadAuthConfig(
    IsolatedEnvironment.isolated({ ENVIRONMENT: 'test', FRONTEND_URL: 'http://localhost:3000', ...values }),
  );

describe('redirect policy', () => {
  it('defaults to the CORS origins: the frontend and its loopback twin', () => {
    expect([...allowedRedirectOrigins(configWith({}))]).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });

  it('uses ALLOWED_REDIRECT_ORIGINS when set', () => {
    const config = configWith({
      ALLOWED_REDIRECT_ORIGINS: 'https://app.example.test,https://admin.example.test',
    });
    expect([...allowedRedirectOrigins(config)]).toEqual([
      'https://app.example.test',
      'https://admin.example.test',
    ]);
    expect(() => resolveRedirect(config, 'http://localhost:3000/')).toThrow(/not an allowed origin/);
  });

  it('defaults the target to FRONTEND_URL and keeps path and query of allowed targets', () => {
    const config = configWith({});
    expect(resolveRedirect(config, undefined)).toBe('http://localhost:3000/');
    expect(resolveRedirect(config, 'http://127.0.0.1:3000/chat?thread=1')).toBe(
      'http://127.0.0.1:3000/chat?thread=1',
    );
  });

  it.each([
    'https://evil.example.test/',
    'http://localhost:3001/',
    'https://localhost:3000/',
    'http://localhost:3000.evil.example.test/',
    '//evil.example.test/',
    '/relative/path',
    'javascript:alert(1)',
    'data:text/html,hi',
    'http://user:pass@localhost:3000/',
  ])('refuses %s', (target) => {
    expect(() => resolveRedirect(configWith({}), target)).toThrow(
      expect.objectContaining({ status: 400, code: 'redirect_not_allowed' }),
    );
  });
});
