/** Identifiers of the login providers the auth service knows; only configured ones exist at run time. */
export const PROVIDER_IDS = ['google', 'github', 'oidc'] as const;
/** One of PROVIDER_IDS. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** A provider the login screen can offer. */
export interface ProviderSummary {
  id: string;
  name: string;
  type: 'oauth' | 'oidc';
}

/** What a provider tells us about the person who signed in, mapped to one shape for every provider. */
export interface ProviderProfile {
  /** The provider's stable id for the person (`sub`, GitHub's numeric id); never an email. */
  subject: string;
  email: string | undefined;
  /** True only when the provider asserts that it verified the email address. */
  emailVerified: boolean;
  name: string | undefined;
  /** Other non-secret facts kept on the identity (issuer, username, picture). */
  extra: Record<string, string>;
}

/** The per-login secrets a provider's authorization request is bound to. */
export interface LoginChecks {
  state: string;
  /** Present for OpenID Connect providers, which bind the ID token to it. */
  nonce: string | undefined;
  codeVerifier: string;
}

/** A configured OAuth 2 / OpenID Connect provider, as the login flow uses it. */
export interface LoginProvider {
  readonly id: ProviderId;
  readonly name: string;
  readonly type: 'oauth' | 'oidc';
  /** The URL to send the browser to; `redirectUri` is where the provider sends it back. */
  authorizationUrl(redirectUri: string, checks: LoginChecks): Promise<URL>;
  /**
   * Exchanges the code in `callbackUrl` (state, PKCE and, for OIDC, the ID token and nonce all
   * checked) and reads the person's profile. Throws the library's error on any failed check.
   */
  exchange(callbackUrl: URL, checks: LoginChecks): Promise<ProviderProfile>;
}
