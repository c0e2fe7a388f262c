import { errorBodySchema } from '@netra/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, uniqueEmail } from '#test-support/auth-app.js';
import {
  authorizeAs,
  beginLogin,
  deliverCallback,
  FRONTEND_URL,
  loginAs,
  requestLogin,
  startOidcHarness,
  uniqueSubject,
  type OidcHarness,
} from '#test-support/oidc-login-flow.js';
import { OAuthRepository, type PendingLogin } from './oauth.repository.js';

let harness: OidcHarness;
let pendingLogins: OAuthRepository;

beforeAll(async () => {
  harness = await startOidcHarness();
  pendingLogins = new OAuthRepository(harness.auth.stores.redis);
});

afterAll(async () => {
  await harness.close();
});

const services = () => harness.auth.services;
const errorOf = (response: LightMyRequestResponse) => errorBodySchema.parse(response.json()).error;

function expectRefused(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(errorOf(response).code).toBe(code);
  expect(refreshCookieOf(response)).toBeUndefined();
}

/** A person at the provider and the callback URL the provider sent them back with. */
async function authorizedCallback(label: string) {
  const sub = uniqueSubject(label);
  harness.provider.setAccount({ sub, email: uniqueEmail(`oidc-${label}`), email_verified: true });
  const callback = await authorizeAs(await beginLogin(harness.auth), sub);
  return { sub, callback, state: callback.searchParams.get('state') ?? '' };
}

/** Rewrites the pending login the auth service stored for `state` (as an attacker cannot). */
async function tamperPendingLogin(state: string, change: (login: PendingLogin) => PendingLogin) {
  const pending = await pendingLogins.takePendingLogin(state);
  expect(pending, 'pending login').toBeDefined();
  await pendingLogins.savePendingLogin(state, change(pending as PendingLogin));
}

/** The provider's audit entries written for requests with this user agent. */
async function auditFor(userAgent: string) {
  return (await services().audit.forProvider('oidc')).filter((entry) => entry.userAgent === userAgent);
}

describe('GET /auth/login/:provider refusals', () => {
  it.each(['google', 'github', 'unknown'])(
    'answers 404 for the unconfigured provider %s',
    async (provider) => {
      const response = await harness.auth.app.inject({ method: 'GET', url: `/auth/login/${provider}` });
      expectRefused(response, 404, 'provider_not_configured');
    },
  );

  it.each(['https://evil.example.test/', 'http://localhost:3001/', '/relative', 'javascript:alert(1)'])(
    'refuses the redirect target %s',
    async (target) => {
      const response = await requestLogin(harness.auth, `?redirect=${encodeURIComponent(target)}`);
      expectRefused(response, 400, 'redirect_not_allowed');
      expect(response.headers.location).toBeUndefined();
    },
  );

  it('sends the browser to the provider with state, nonce, PKCE S256 and our callback', async () => {
    const start = await beginLogin(harness.auth);
    expect(start.origin).toBe(harness.provider.issuer);
    expect(Object.fromEntries(start.searchParams)).toMatchObject({
      client_id: harness.provider.clientId,
      redirect_uri: 'http://auth.netra.test/auth/callback/oidc',
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(start.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});

describe('GET /auth/callback/:provider refusals', () => {
  it('refuses an unknown or missing state', async () => {
    const { callback } = await authorizedCallback('unknown-state');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    expectRefused(await deliverCallback(harness.auth, forged), 400, 'invalid_state');
    forged.searchParams.delete('state');
    expectRefused(await deliverCallback(harness.auth, forged), 400, 'invalid_state');
  });

  it('refuses a state that was already used (a replayed callback)', async () => {
    const { callback } = await authorizedCallback('replayed-callback');
    expect((await deliverCallback(harness.auth, callback)).statusCode).toBe(302);
    expectRefused(await deliverCallback(harness.auth, callback), 400, 'invalid_state');
  });

  it('refuses a state started for another provider', async () => {
    const { callback, state } = await authorizedCallback('other-provider');
    await tamperPendingLogin(state, (login) => ({ ...login, provider: 'github' }));
    expectRefused(await deliverCallback(harness.auth, callback), 400, 'invalid_state');
  });

  it('refuses an ID token whose nonce does not match, and audits the failure', async () => {
    const { sub, callback, state } = await authorizedCallback('nonce');
    await tamperPendingLogin(state, (login) => ({ ...login, nonce: 'a-different-nonce' }));
    const response = await deliverCallback(harness.auth, callback, 'agent-nonce');
    expectRefused(response, 400, 'oauth_failed');
    expect(errorOf(response).message).not.toMatch(/nonce|jwt/i);
    expect(await services().accounts.findIdentity('oidc', sub)).toBeUndefined();
    expect(await auditFor('agent-nonce')).toMatchObject([
      {
        event: 'login_failure',
        provider: 'oidc',
        details: {
          method: 'oauth',
          reason: 'oauth_failed',
          error: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
          claim: 'nonce',
        },
      },
    ]);
  });

  it('refuses a code redeemed with another PKCE verifier', async () => {
    const { callback, state } = await authorizedCallback('pkce');
    await tamperPendingLogin(state, (login) => ({ ...login, codeVerifier: 'z'.repeat(43) }));
    expectRefused(await deliverCallback(harness.auth, callback, 'agent-pkce'), 400, 'oauth_failed');
    expect(await auditFor('agent-pkce')).toMatchObject([{ details: { error: 'invalid_grant' } }]);
  });

  it('refuses an authorization code that was already redeemed', async () => {
    const { callback, state } = await authorizedCallback('code-replay');
    // Keep a copy of the pending login so the replay passes every check but the code's.
    const pending = await pendingLogins.takePendingLogin(state);
    await pendingLogins.savePendingLogin(state, pending as PendingLogin);
    expect((await deliverCallback(harness.auth, callback)).statusCode).toBe(302);

    const replayState = 'r'.repeat(43);
    await pendingLogins.savePendingLogin(replayState, pending as PendingLogin);
    const replay = new URL(callback);
    replay.searchParams.set('state', replayState);
    expectRefused(await deliverCallback(harness.auth, replay, 'agent-replay'), 400, 'oauth_failed');
    expect(await auditFor('agent-replay')).toMatchObject([{ details: { error: 'invalid_grant' } }]);
  });

  it('refuses a callback from another issuer (iss mismatch)', async () => {
    const { callback } = await authorizedCallback('issuer');
    const forged = new URL(callback);
    forged.searchParams.set('iss', 'https://evil.example.test');
    expectRefused(await deliverCallback(harness.auth, forged), 400, 'oauth_failed');
  });

  it('returns a provider error to the frontend as an error code, without signing in', async () => {
    const sub = uniqueSubject('abort');
    harness.provider.setAccount({ sub, email: uniqueEmail('oidc-abort'), email_verified: true });
    const target = `${FRONTEND_URL}/login`;
    const start = await beginLogin(harness.auth, `?redirect=${encodeURIComponent(target)}`);
    const callback = await authorizeAs(start, sub, { abort: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');

    const response = await deliverCallback(harness.auth, callback, 'agent-abort');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`${target}?auth_error=access_denied`);
    expect(refreshCookieOf(response)).toBeUndefined();
    expect(await auditFor('agent-abort')).toMatchObject([
      { event: 'login_failure', details: { reason: 'provider_error', error: 'access_denied' } },
    ]);
  });

  it('refuses a disabled account and audits it', async () => {
    const sub = uniqueSubject('disabled');
    const email = uniqueEmail('oidc-disabled');
    harness.provider.setAccount({ sub, email, email_verified: true });
    expect((await loginAs(harness, sub)).statusCode).toBe(302);
    const user = await services().accounts.findByEmail(email);
    await services().accounts.setActive(user?.id ?? '', false);

    expectRefused(await loginAs(harness, sub), 403, 'account_disabled');
    const last = (await services().audit.forEmail(email)).at(-1);
    expect(last).toMatchObject({ event: 'login_failure', provider: 'oidc', details: { reason: 'disabled' } });
  });
});
