import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '#config.js';
import { createProviderRegistry } from './provider-registry.js';

const registryWith = (values: Record<string, string>) =>
  createProviderRegistry(loadAuthConfig(IsolatedEnvironment.isolated({ ENVIRONMENT: 'test', ...values })));

describe('provider registry', () => {
  it('has no providers when none is configured', () => {
    const registry = registryWith({});
    expect(registry.summaries()).toEqual([]);
    expect(registry.find('google')).toBeUndefined();
  });

  it('lists exactly the configured providers', () => {
    const registry = registryWith({
      GOOGLE_CLIENT_ID: 'g-id',
      GOOGLE_CLIENT_SECRET: 'g-secret',
      GITHUB_CLIENT_ID: 'gh-id',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      OIDC_ISSUER_URL: 'https://idp.example.test',
      OIDC_CLIENT_ID: 'o-id',
      OIDC_PROVIDER_NAME: 'Acme SSO',
    });
    expect(registry.summaries()).toEqual([
      { id: 'google', name: 'Google', type: 'oidc' },
      { id: 'github', name: 'GitHub', type: 'oauth' },
      { id: 'oidc', name: 'Acme SSO', type: 'oidc' },
    ]);
    expect(registry.find('unknown')).toBeUndefined();
  });

  it('sends Google logins to Google with PKCE S256, a nonce and our callback', async () => {
    const google = registryWith({ GOOGLE_CLIENT_ID: 'g-id', GOOGLE_CLIENT_SECRET: 'g-secret' }).find(
      'google',
    );
    const checks = { state: 'st', nonce: 'nn', codeVerifier: 'v'.repeat(43) };
    const url = await google!.authorizationUrl('https://auth.example.test/auth/callback/google', checks);
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'g-id',
      redirect_uri: 'https://auth.example.test/auth/callback/google',
      response_type: 'code',
      scope: 'openid email profile',
      state: 'st',
      nonce: 'nn',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.has('client_secret')).toBe(false);
  });

  it('sends GitHub logins to GitHub asking for the profile and email scopes', async () => {
    const github = registryWith({ GITHUB_CLIENT_ID: 'gh-id', GITHUB_CLIENT_SECRET: 'gh-secret' }).find(
      'github',
    );
    const checks = { state: 'st', nonce: undefined, codeVerifier: 'v'.repeat(43) };
    const url = await github!.authorizationUrl('https://auth.example.test/auth/callback/github', checks);
    expect(url.origin + url.pathname).toBe('https://github.com/login/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'gh-id',
      scope: 'read:user user:email',
      state: 'st',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.has('nonce')).toBe(false);
  });
});
