import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import type { AuthConfig } from '#config.js';
import type { AccountRow } from '#modules/accounts/accounts.tables.js';
import type { ProviderAccountsService } from '#modules/accounts/provider-accounts.service.js';
import type { AuditService } from '#modules/audit/audit.service.js';
import type { ClientInfo } from '#platform/http/client.js';
import { authErrors } from '#platform/http/errors.js';
import type { OAuthRepository, PendingLogin } from './oauth.repository.js';
import { failureDetails, isNetworkFailure } from './providers/exchange-failure.js';
import type { LoginChecks, LoginProvider, ProviderProfile, ProviderSummary } from './providers/provider.js';
import type { ProviderRegistry } from './providers/provider-registry.js';
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
  | { kind: 'signed_in'; user: AccountRow; redirectTo: string }
  | { kind: 'provider_error'; redirectTo: string };

export interface OAuthDependencies {
  config: AuthConfig;
  registry: ProviderRegistry;
  pendingLogins: OAuthRepository;
  providerAccounts: ProviderAccountsService;
  audit: AuditService;
}

interface ExchangeInput {
  provider: LoginProvider;
  callback: ProviderCallback;
  pending: PendingLogin;
}

function newChecks(provider: LoginProvider): LoginChecks {
  return {
    state: randomState(),
    nonce: provider.type === 'oidc' ? randomNonce() : undefined,
    codeVerifier: randomPKCECodeVerifier(),
  };
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

/** OAuth 2 / OpenID Connect login: the redirect to the provider and the callback that signs the person in. */
export class OAuthService {
  constructor(private readonly deps: OAuthDependencies) {}

  /** What the login screen shows: id, button label and protocol of each configured provider. */
  providers(): ProviderSummary[] {
    return this.deps.registry.summaries();
  }

  /** The provider's redirect URI: always this service's callback, never the frontend. */
  callbackUrl(providerId: string): string {
    return `${this.deps.config.values.AUTH_SERVICE_URL.replace(/\/+$/, '')}/auth/callback/${providerId}`;
  }

  /**
   * Starts a provider login: checks the redirect target, remembers state, nonce and PKCE verifier
   * for ten minutes, and returns the provider URL to send the browser to.
   * @throws AppError 404 `provider_not_configured`, 400 `redirect_not_allowed`, 502 `provider_unavailable`
   */
  async start(input: { provider: string; redirect?: string | undefined }): Promise<URL> {
    const provider = this.configuredProvider(input.provider);
    const redirectTo = resolveRedirect(this.deps.config, input.redirect);
    const checks = newChecks(provider);
    // Only a discovery (first use of an OIDC issuer) can fail here; nothing is stored before it.
    const url = await provider
      .authorizationUrl(this.callbackUrl(provider.id), checks)
      .catch((error: unknown) => Promise.reject(authErrors.providerUnavailable(error)));
    const { state, nonce, codeVerifier } = checks;
    const pending: PendingLogin = { provider: provider.id, codeVerifier, redirectTo };
    await this.deps.pendingLogins.savePendingLogin(
      state,
      nonce === undefined ? pending : { ...pending, nonce },
    );
    return url;
  }

  /**
   * Completes a provider login at the callback: the state must name a pending login of this
   * provider (each state works once); the code is exchanged and verified (PKCE, nonce, issuer), and
   * the person is signed in to their account.
   * @throws AppError 400 `invalid_state` or `oauth_failed`, plus those of `ProviderAccountsService.signIn`
   */
  async finish(callback: ProviderCallback, client: ClientInfo, log: LoginLog): Promise<CallbackOutcome> {
    const provider = this.configuredProvider(callback.provider);
    const { state } = callback;
    const pending = state === undefined ? undefined : await this.deps.pendingLogins.takePendingLogin(state);
    // Unknown states are not audited: anyone can send them, and each would cost a row.
    if (pending?.provider !== provider.id) {
      throw authErrors.invalidState();
    }
    if (callback.error !== undefined) {
      const code = safeErrorCode(callback.error);
      await this.auditFailure(client, provider, { reason: 'provider_error', error: code });
      return { kind: 'provider_error', redirectTo: withAuthError(pending.redirectTo, code) };
    }
    const profile = await this.exchangeCode({ provider, callback, pending }, client, log);
    const user = await this.deps.providerAccounts.signIn(provider.id, profile, client);
    return { kind: 'signed_in', user, redirectTo: pending.redirectTo };
  }

  private configuredProvider(id: string): LoginProvider {
    const provider = this.deps.registry.find(id);
    if (provider === undefined) {
      throw authErrors.providerNotConfigured();
    }
    return provider;
  }

  private auditFailure(
    client: ClientInfo,
    provider: LoginProvider,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.deps.audit.recordProviderEvent(client, 'login_failure', { provider: provider.id, details });
  }

  private async exchangeCode(
    input: ExchangeInput,
    client: ClientInfo,
    log: LoginLog,
  ): Promise<ProviderProfile> {
    const { provider, callback, pending } = input;
    const url = new URL(this.callbackUrl(provider.id));
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
      await this.auditFailure(client, provider, { reason: 'oauth_failed', ...failureDetails(error) });
      throw isNetworkFailure(error) ? authErrors.providerUnavailable(error) : authErrors.oauthFailed(error);
    }
  }
}
