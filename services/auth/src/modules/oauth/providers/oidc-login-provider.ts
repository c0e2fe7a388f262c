import * as client from 'openid-client';
import type { EnvironmentName } from '@netra/shared';
import { allowsPlainHttp, clientAuthFor, finishConfiguration, PROVIDER_TIMEOUT_S } from './client-setup.js';
import { profileFromClaims } from './oidc-profile.js';
import type { LoginChecks, LoginProvider, ProviderId, ProviderProfile } from './provider.js';

const OIDC_SCOPE = 'openid email profile';

/**
 * Google's OpenID metadata, taken from https://accounts.google.com/.well-known/openid-configuration
 * so a login needs no discovery round trip. The server-side code flow gets ID tokens whose `iss`
 * is exactly this https issuer (the bare `accounts.google.com` form only comes from client-side
 * Sign-In, which we do not use).
 */
const GOOGLE_METADATA: client.ServerMetadata = {
  issuer: 'https://accounts.google.com',
  authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  token_endpoint: 'https://oauth2.googleapis.com/token',
  userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
  jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
  response_types_supported: ['code'],
  id_token_signing_alg_values_supported: ['RS256'],
  code_challenge_methods_supported: ['plain', 'S256'],
  token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
};

/** Client registration of an OpenID Connect login. */
export interface OidcClientSettings {
  clientId: string;
  clientSecret: string | undefined;
  environment: EnvironmentName;
}

/** An OpenID Connect provider (Google, or any issuer by discovery): code flow with PKCE and a nonce. */
export class OidcLoginProvider implements LoginProvider {
  readonly type = 'oidc';

  constructor(
    readonly id: ProviderId,
    readonly name: string,
    private readonly configuration: () => Promise<client.Configuration>,
  ) {}

  async authorizationUrl(redirectUri: string, checks: LoginChecks): Promise<URL> {
    const configuration = await this.configuration();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: OIDC_SCOPE,
      state: checks.state,
      nonce: requiredNonce(checks),
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  async exchange(callbackUrl: URL, checks: LoginChecks): Promise<ProviderProfile> {
    const configuration = await this.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: requiredNonce(checks),
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (idClaims === undefined) {
      throw new Error('the token response carried no ID token');
    }
    const metadata = configuration.serverMetadata();
    // Many providers (oidc-provider, Okta) keep email and name out of the ID token in the code flow.
    const userinfo =
      metadata.userinfo_endpoint === undefined
        ? {}
        : await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    return profileFromClaims({ ...idClaims, ...userinfo }, metadata.issuer);
  }
}

function requiredNonce(checks: LoginChecks): string {
  if (checks.nonce === undefined) {
    throw new Error('an OpenID Connect login needs a nonce');
  }
  return checks.nonce;
}

/** Google login from its known metadata. */
export function googleLoginProvider(settings: OidcClientSettings): OidcLoginProvider {
  const configuration = finishConfiguration(
    new client.Configuration(
      GOOGLE_METADATA,
      settings.clientId,
      undefined,
      clientAuthFor(settings.clientSecret, GOOGLE_METADATA.token_endpoint_auth_methods_supported),
    ),
    GOOGLE_METADATA.issuer,
    settings.environment,
  );
  return new OidcLoginProvider('google', 'Google', () => Promise.resolve(configuration));
}

async function discover(issuerUrl: string, settings: OidcClientSettings): Promise<client.Configuration> {
  const issuer = new URL(issuerUrl);
  // openid-client recognises the http exception for the discovery request by function identity.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback provider in dev/test only
  const execute = allowsPlainHttp(issuerUrl, settings.environment) ? [client.allowInsecureRequests] : [];
  const discovered = await client.discovery(issuer, settings.clientId, undefined, client.None(), {
    execute,
    timeout: PROVIDER_TIMEOUT_S,
  });
  const metadata = { ...discovered.serverMetadata() };
  const auth = clientAuthFor(settings.clientSecret, metadata.token_endpoint_auth_methods_supported);
  // Rebuilt with the client authentication the discovered metadata supports.
  return finishConfiguration(
    new client.Configuration(metadata, settings.clientId, undefined, auth),
    issuerUrl,
    settings.environment,
  );
}

/**
 * Any OpenID Connect issuer (Okta, Entra ID, Keycloak, …): discovered on first use and cached. A
 * failed discovery is not cached, so the next login tries again.
 */
export function discoveredLoginProvider(
  issuerUrl: string,
  name: string,
  settings: OidcClientSettings,
): OidcLoginProvider {
  let cached: Promise<client.Configuration> | undefined;
  const configuration = () => {
    cached ??= discover(issuerUrl, settings).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
  return new OidcLoginProvider('oidc', name, configuration);
}
