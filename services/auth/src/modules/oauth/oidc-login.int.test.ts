import { authSessionSchema, errorBodySchema } from '@netra/shared';
import { createAccessTokenVerifier, localJwks } from '@netra/shared/auth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, uniqueEmail } from '#test-support/auth-app.js';
import {
  AUTH_URL,
  authorizeAs,
  deliverCallback,
  FRONTEND_URL,
  loginAs,
  requestLogin,
  startOidcHarness,
  uniqueSubject,
  type OidcHarness,
} from '#test-support/oidc-login-flow.js';

let harness: OidcHarness;

beforeAll(async () => {
  harness = await startOidcHarness();
});

afterAll(async () => {
  await harness.close();
});

const services = () => harness.auth.services;
const errorOf = (response: LightMyRequestResponse) => errorBodySchema.parse(response.json()).error;

/** The session a refresh cookie stands for, as the frontend gets it after the redirect. */
async function sessionFor(login: LightMyRequestResponse) {
  const cookie = refreshCookieOf(login);
  expect(cookie, 'refresh cookie').toBeDefined();
  const response = await harness.auth.app.inject({
    method: 'POST',
    url: '/auth/refresh',
    cookies: { netra_refresh: cookie ?? '' },
  });
  expect(response.statusCode, response.body).toBe(200);
  return authSessionSchema.parse(response.json());
}

async function me(accessToken: string) {
  const response = await harness.auth.app.inject({
    method: 'GET',
    url: '/auth/me',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string; email_verified: boolean; has_password: boolean; providers: string[] }>();
}

describe('GET /auth/config with an OIDC issuer configured', () => {
  it('lists the provider with its login URL', async () => {
    const response = await harness.auth.app.inject({ method: 'GET', url: '/auth/config' });
    expect(response.json<{ providers: unknown[] }>().providers).toEqual([
      { id: 'oidc', name: 'Test SSO', type: 'oidc', login_url: `${AUTH_URL}/auth/login/oidc` },
    ]);
  });
});

describe('OIDC login (code flow with PKCE against a real OpenID provider)', () => {
  it('creates the account and identity, sets the refresh cookie and returns to the frontend', async () => {
    const sub = uniqueSubject('new');
    const email = uniqueEmail('oidc-new');
    harness.provider.setAccount({ sub, email, email_verified: true, name: 'Grace Hopper' });
    const target = `${FRONTEND_URL}/chat?thread=7`;
    const login = await loginAs(harness, sub, `?redirect=${encodeURIComponent(target)}`);

    expect(login.statusCode, login.body).toBe(302);
    // Exactly the requested URL: no token, code or state added to it.
    expect(login.headers.location).toBe(target);
    const cookie = login.cookies.find((item) => item.name === 'netra_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth' });

    const session = await sessionFor(login);
    expect(session.user).toMatchObject({ email, name: 'Grace Hopper', email_verified: true });
    const verify = createAccessTokenVerifier({ keys: localJwks(harness.auth.keys.jwks()) });
    expect(await verify(session.access_token)).toMatchObject({
      sub: session.user.id,
      email,
      token_type: 'access',
    });
    expect(await me(session.access_token)).toMatchObject({ has_password: false, providers: ['oidc'] });
    const identity = await services().accounts.findIdentity('oidc', sub);
    expect(identity).toMatchObject({ userId: session.user.id, profile: { email, name: 'Grace Hopper' } });
  });

  it('marks the login start and the callback that sets the refresh cookie not to be stored', async () => {
    const sub = uniqueSubject('no-store');
    harness.provider.setAccount({ sub, email: uniqueEmail('oidc-no-store'), email_verified: true });
    const notStored = { 'cache-control': 'no-store', pragma: 'no-cache' };
    const start = await requestLogin(harness.auth);
    expect(start.statusCode).toBe(302);
    expect(start.headers).toMatchObject(notStored);
    const callback = await deliverCallback(
      harness.auth,
      await authorizeAs(new URL(String(start.headers.location)), sub),
    );
    expect(callback.statusCode, callback.body).toBe(302);
    expect(refreshCookieOf(callback)).toBeDefined();
    // RFC 6749 §5.1: an answer carrying a token is never stored by a browser or a cache.
    expect(callback.headers).toMatchObject(notStored);
  });

  it('signs a returning person into the same account and identity, refreshing the stored profile', async () => {
    const sub = uniqueSubject('again');
    const email = uniqueEmail('oidc-again');
    harness.provider.setAccount({ sub, email, email_verified: true, name: 'Ada' });
    const first = await sessionFor(await loginAs(harness, sub));
    harness.provider.setAccount({ sub, email, email_verified: true, name: 'Ada Lovelace' });
    const second = await sessionFor(await loginAs(harness, sub));

    expect(second.user.id).toBe(first.user.id);
    expect((await me(second.access_token)).providers).toEqual(['oidc']);
    const identity = await services().accounts.findIdentity('oidc', sub);
    expect(identity?.profile).toMatchObject({ name: 'Ada Lovelace', issuer: harness.provider.issuer });
  });

  it('defaults the return target to FRONTEND_URL', async () => {
    const sub = uniqueSubject('default');
    harness.provider.setAccount({ sub, email: uniqueEmail('oidc-default'), email_verified: true });
    const login = await loginAs(harness, sub);
    expect(login.headers.location).toBe(`${FRONTEND_URL}/`);
  });

  it('records account creation and each login in the audit log', async () => {
    const sub = uniqueSubject('audit');
    const email = uniqueEmail('oidc-audit');
    harness.provider.setAccount({ sub, email, email_verified: true });
    await loginAs(harness, sub);
    await loginAs(harness, sub);
    const entries = await services().audit.forEmail(email);
    expect(entries.map((entry) => entry.event)).toEqual(['register', 'login_success', 'login_success']);
    expect(entries[1]).toMatchObject({ provider: 'oidc', details: { method: 'oauth', provider: 'oidc' } });
  });
});

describe('linking by email', () => {
  async function passwordAccount(label: string) {
    const email = uniqueEmail(label);
    const response = await harness.auth.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email, password: 'correct horse battery', name: 'Pass Word' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return {
      email,
      id: authSessionSchema.parse(response.json()).user.id,
      cookie: refreshCookieOf(response)!,
    };
  }

  it('links a provider-verified email to the existing account, withdrawing its unproven password and sessions', async () => {
    const account = await passwordAccount('link');
    const sub = uniqueSubject('link');
    harness.provider.setAccount({
      sub,
      email: account.email.toUpperCase(),
      email_verified: true,
      name: 'Other',
    });
    const session = await sessionFor(await loginAs(harness, sub));

    expect(session.user.id).toBe(account.id);
    expect(await me(session.access_token)).toMatchObject({
      email_verified: true,
      has_password: false,
      providers: ['oidc'],
    });
    // Whoever registered the address first never proved it: their password and session are gone.
    const passwordLogin = await harness.auth.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: account.email, password: 'correct horse battery' },
    });
    expect(errorOf(passwordLogin).code).toBe('invalid_credentials');
    const oldRefresh = await harness.auth.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      cookies: { netra_refresh: account.cookie },
    });
    expect(errorOf(oldRefresh).code).toBe('refresh_token_invalid');
    const events = (await services().audit.forEmail(account.email)).map((entry) => entry.event);
    expect(events).toEqual([
      'register',
      'unproven_access_withdrawn',
      'identity_linked',
      'login_success',
      'login_failure',
    ]);
  });

  it('refuses to link an email the provider has not verified', async () => {
    const account = await passwordAccount('nolink');
    const sub = uniqueSubject('nolink');
    harness.provider.setAccount({ sub, email: account.email, email_verified: false });
    const login = await loginAs(harness, sub);

    expect(login.statusCode).toBe(409);
    expect(errorOf(login).code).toBe('email_not_verified');
    expect(refreshCookieOf(login)).toBeUndefined();
    expect(await services().accounts.findIdentity('oidc', sub)).toBeUndefined();
    const failure = (await services().audit.forEmail(account.email)).at(-1);
    expect(failure).toMatchObject({ event: 'login_failure', details: { reason: 'email_not_verified' } });
  });

  it('creates an unverified account for a new unverified email', async () => {
    const sub = uniqueSubject('unverified');
    const email = uniqueEmail('oidc-unverified');
    harness.provider.setAccount({ sub, email, email_verified: false });
    const session = await sessionFor(await loginAs(harness, sub));
    expect(session.user).toMatchObject({ email, email_verified: false });
  });

  it('refuses a person without an email address', async () => {
    const sub = uniqueSubject('noemail');
    harness.provider.setAccount({ sub, name: 'No Mail' });
    const login = await loginAs(harness, sub);
    expect(login.statusCode).toBe(400);
    expect(errorOf(login).code).toBe('email_missing');
  });
});
