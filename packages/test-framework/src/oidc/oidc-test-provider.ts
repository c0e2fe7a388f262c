import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type JWK } from 'oidc-provider';

/** A person the test provider can sign in; `sub` is what the login form's "login" field names. */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** A real OpenID provider (panva's oidc-provider) on a free loopback port, for tests (`@netra/test-framework/oidc`). */
export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account; changes show in the next login's claims. */
  setAccount(account: TestAccount): void;
  close(): Promise<void>;
}

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
}

/** Explicit lifetimes (seconds) so the provider does not warn about its defaults. */
const TTL = {
  AccessToken: 600,
  AuthorizationCode: 60,
  IdToken: 600,
  Interaction: 600,
  Session: 3600,
  Grant: 3600,
};

function testClient(redirectUri: string, secret: string) {
  return {
    client_id: 'netra-auth',
    client_secret: secret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code' as const],
    token_endpoint_auth_method: 'client_secret_basic' as const,
  };
}

function providerConfiguration(
  redirectUri: string,
  secret: string,
  accounts: Map<string, TestAccount>,
): Configuration {
  return {
    clients: [testClient(redirectUri, secret)],
    // Every authorization request must carry a PKCE challenge, as a well-configured IdP demands.
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account === undefined ? undefined : { accountId: id, claims: () => ({ ...account }) };
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey()] },
    features: { devInteractions: { enabled: true } },
    ttl: TTL,
  };
}

/**
 * Starts an OpenID provider whose one client (`netra-auth`, client_secret_basic, PKCE required)
 * may only redirect to `redirectUri`. Its development interactions (login form, consent) are
 * driven over plain HTTP by `TestUserAgent`.
 */
export async function startOidcTestProvider(redirectUri: string): Promise<OidcTestProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientSecret = randomBytes(24).toString('base64url');
  // The issuer URL needs the port, so the server listens before the provider exists.
  const route: { handle?: ReturnType<Provider['callback']> } = {};
  const server = createServer((request, response) => {
    void route.handle?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, providerConfiguration(redirectUri, clientSecret, accounts));
  route.handle = provider.callback();
  return {
    issuer,
    clientId: 'netra-auth',
    clientSecret,
    setAccount: (account) => {
      accounts.set(account.sub, account);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Kept-alive browser connections would otherwise hold the close open.
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) {
            resolve();
          } else {
            reject(error);
          }
        });
      }),
  };
}
