import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { startAuthTestApp, type AuthTestApp } from './auth-app.js';
import { startOidcTestProvider, type OidcTestProvider } from './oidc-test-provider.js';
import { TestUserAgent } from './oidc-user-agent.js';

/**
 * The auth app is driven in-process with `app.inject`, so its public URL is never dialled: the
 * provider redirects the test's user agent to `<AUTH_URL>/auth/callback/oidc`, and the test hands
 * that URL's path and query to `inject`, exactly what a browser would request.
 */
export const AUTH_URL = 'http://auth.netra.test';
export const FRONTEND_URL = 'http://localhost:3000';
export const CALLBACK_URL = `${AUTH_URL}/auth/callback/oidc`;

/** A real OpenID provider and an auth service configured to log in through it. */
export interface OidcHarness {
  auth: AuthTestApp;
  provider: OidcTestProvider;
  close(): Promise<void>;
}

/** Starts both; `overrides` are extra auth configuration. */
export async function startOidcHarness(overrides: Record<string, string> = {}): Promise<OidcHarness> {
  const provider = await startOidcTestProvider(CALLBACK_URL);
  const auth = await startAuthTestApp({
    OIDC_ISSUER_URL: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_PROVIDER_NAME: 'Test SSO',
    AUTH_SERVICE_URL: AUTH_URL,
    FRONTEND_URL,
    // Test files share one Redis namespace per run; a high limit keeps them from throttling each other.
    RATE_LIMIT_PER_IP: '10000',
    ...overrides,
  });
  return {
    auth,
    provider,
    close: async () => {
      await auth.close();
      await provider.close();
    },
  };
}

/** A subject no other test in the run uses (tests share one database). */
export function uniqueSubject(label: string): string {
  return `${label}-${randomUUID()}`;
}

/** `GET /auth/login/oidc`; returns the response (302 to the provider when accepted). */
export function requestLogin(auth: AuthTestApp, query = ''): Promise<LightMyRequestResponse> {
  return auth.app.inject({ method: 'GET', url: `/auth/login/oidc${query}` });
}

/** Starts a login and returns the provider URL the browser is sent to. */
export async function beginLogin(auth: AuthTestApp, query = ''): Promise<URL> {
  const response = await requestLogin(auth, query);
  if (response.statusCode !== 302) {
    throw new Error(`login start answered ${response.statusCode}: ${response.body}`);
  }
  return new URL(String(response.headers.location));
}

/** Signs in at the provider as `sub` in a fresh browser session; returns the callback URL it redirects to. */
export function authorizeAs(start: URL, sub: string, options: { abort?: boolean } = {}): Promise<URL> {
  return new TestUserAgent().authorize(start, CALLBACK_URL, sub, options.abort === true);
}

/** Requests the callback URL from the auth app, as the browser would after the provider's redirect. */
export function deliverCallback(
  auth: AuthTestApp,
  callback: URL,
  userAgent = 'oidc-test',
): Promise<LightMyRequestResponse> {
  if (!callback.href.startsWith(CALLBACK_URL)) {
    throw new Error(`not a callback URL: ${callback.href}`);
  }
  const url = `${callback.pathname}${callback.search}`;
  return auth.app.inject({ method: 'GET', url, headers: { 'user-agent': userAgent } });
}

/** A whole login as `sub`: start, provider sign-in and consent, callback. */
export async function loginAs(
  harness: OidcHarness,
  sub: string,
  query = '',
): Promise<LightMyRequestResponse> {
  const start = await beginLogin(harness.auth, query);
  return deliverCallback(harness.auth, await authorizeAs(start, sub));
}
