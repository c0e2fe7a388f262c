import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import { auditProviderEvent, signInWithProvider } from '#modules/accounts/provider-accounts.service.js';
import type { AuthContext, ClientInfo } from '#context.js';
import type { UserRow } from '#platform/stores/schema.js';
import { failureDetails, isNetworkFailure } from '#modules/oauth/providers/exchange-failure.js';
import { oauthErrors } from './oauth-errors.js';
import { savePendingLogin, takePendingLogin, type PendingLogin } from './pending-login.js';
import type { LoginChecks, LoginProvider, ProviderProfile } from '#modules/oauth/providers/provider.js';
import type { ProviderRegistry } from '#modules/oauth/providers/provider-registry.js';
import { resolveRedirect } from './redirect-policy.js';

/** Where failures of a provider exchange are logged in detail (the client only sees a safe message). */
export interface LoginLog {
  warn(details: object, message: string): void;
}

/** What the provider sent back to the callback (already validated at the route). */
export interface ProviderCallback {
  provider: string;
  code?: string | undefined;
  state?: string | undefined;
  iss?: string | undefined;
  error?: string | undefined;
}

/** The outcome of a callback: signed in, or the provider refused (the frontend shows why). */
export type CallbackOutcome =
  { kind: 'signed_in'; user: UserRow; redirectTo: string } | { kind: 'provider_error'; redirectTo: string };

function configuredProvider(registry: ProviderRegistry, id: string): LoginProvider {
  const provider = registry.find(id);
  if (provider === undefined) {
    throw oauthErrors.providerNotConfigured();
  }
  return provider;
}

/** The provider's redirect URI: always this service's callback, never the frontend. */
export function callbackUrl(ctx: AuthContext, providerId: string): string {
  return `${ctx.config.values.AUTH_SERVICE_URL.replace(/\/+$/, '')}/auth/callback/${providerId}`;
}

function newChecks(provider: LoginProvider): LoginChecks {
  return {
    state: randomState(),
    nonce: provider.type === 'oidc' ? randomNonce() : undefined,
    codeVerifier: randomPKCECodeVerifier(),
  };
}

/**
 * Starts a provider login: checks the redirect target, remembers state, nonce and PKCE verifier
 * for ten minutes, and returns the provider URL to send the browser to.
 * @throws AppError 404 `provider_not_configured`, 400 `redirect_not_allowed`, 502 `provider_unavailable`
 */
export async function startProviderLogin(
  ctx: AuthContext,
  registry: ProviderRegistry,
  input: { provider: string; redirect?: string | undefined },
): Promise<URL> {
  const provider = configuredProvider(registry, input.provider);
  const redirectTo = resolveRedirect(ctx.config, input.redirect);
  const checks = newChecks(provider);
  // Only a discovery (first use of an OIDC issuer) can fail here; nothing is stored before it.
  const url = await provider
    .authorizationUrl(callbackUrl(ctx, provider.id), checks)
    .catch((error: unknown) => Promise.reject(oauthErrors.providerUnavailable(error)));
  const { state, nonce, codeVerifier } = checks;
  const pending: PendingLogin = { provider: provider.id, codeVerifier, redirectTo };
  await savePendingLogin(ctx.hot, state, nonce === undefined ? pending : { ...pending, nonce });
  return url;
}

/** A provider error code for the frontend URL: the provider's own when it looks like one. */
function safeErrorCode(error: string): string {
  return /^[a-z0-9_]{1,64}$/.test(error) ? error : 'provider_error';
}

function withAuthError(redirectTo: string, code: string): string {
  const url = new URL(redirectTo);
  url.searchParams.set('auth_error', code);
  return url.href;
}

interface ExchangeInput {
  provider: LoginProvider;
  callback: ProviderCallback;
  pending: PendingLogin;
}

async function exchangeCode(
  ctx: AuthContext,
  input: ExchangeInput,
  client: ClientInfo,
  log: LoginLog,
): Promise<ProviderProfile> {
  const { provider, callback, pending } = input;
  const url = new URL(callbackUrl(ctx, provider.id));
  for (const name of ['code', 'state', 'iss'] as const) {
    const value = callback[name];
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  const checks = { state: callback.state ?? '', nonce: pending.nonce, codeVerifier: pending.codeVerifier };
  try {
    return await provider.exchange(url, checks);
  } catch (error) {
    log.warn({ err: error, provider: provider.id }, 'provider login failed');
    const details = { reason: 'oauth_failed', ...failureDetails(error) };
    await auditProviderEvent(ctx, client, 'login_failure', { provider: provider.id, details });
    throw isNetworkFailure(error) ? oauthErrors.providerUnavailable(error) : oauthErrors.oauthFailed(error);
  }
}

/**
 * Completes a provider login at the callback: the state must name a pending login of this
 * provider (each state works once); the code is exchanged and verified (PKCE, nonce, issuer), and
 * the person is signed in to their account.
 * @throws AppError 400 `invalid_state` or `oauth_failed`, plus those of `signInWithProvider`
 */
export async function finishProviderLogin(
  ctx: AuthContext,
  registry: ProviderRegistry,
  callback: ProviderCallback,
  client: ClientInfo,
  log: LoginLog,
): Promise<CallbackOutcome> {
  const provider = configuredProvider(registry, callback.provider);
  const pending = callback.state === undefined ? undefined : await takePendingLogin(ctx.hot, callback.state);
  // Unknown states are not audited: anyone can send them, and each would cost a row.
  if (pending?.provider !== provider.id) {
    throw oauthErrors.invalidState();
  }
  if (callback.error !== undefined) {
    const code = safeErrorCode(callback.error);
    const details = { reason: 'provider_error', error: code };
    await auditProviderEvent(ctx, client, 'login_failure', { provider: provider.id, details });
    return { kind: 'provider_error', redirectTo: withAuthError(pending.redirectTo, code) };
  }
  const profile = await exchangeCode(ctx, { provider, callback, pending }, client, log);
  const user = await signInWithProvider(ctx, provider.id, profile, client);
  return { kind: 'signed_in', user, redirectTo: pending.redirectTo };
}
