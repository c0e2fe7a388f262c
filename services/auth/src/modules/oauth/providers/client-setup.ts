import * as client from 'openid-client';
import type { EnvironmentName } from '@netra/shared';

/** Seconds an outbound call to a provider may take before the login fails. */
export const PROVIDER_TIMEOUT_S = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether plain http may be used with a provider: only for a loopback provider in development or
 * test (a local OpenID provider); anywhere else openid-client's https requirement stands.
 */
export function allowsPlainHttp(url: string, environment: EnvironmentName): boolean {
  const parsed = new URL(url);
  const local = environment === 'development' || environment === 'test';
  return local && parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
}

/**
 * The client authentication to use at the token endpoint: none for a public client (PKCE only),
 * else client_secret_basic, the OpenID default, unless the provider only lists client_secret_post.
 */
export function clientAuthFor(secret: string | undefined, supported: readonly string[] | undefined) {
  if (secret === undefined) {
    return client.None();
  }
  const postOnly =
    supported?.includes('client_secret_post') === true && !supported.includes('client_secret_basic');
  return postOnly ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret);
}

/** Applies the settings every provider configuration shares: a timeout and the http exception. */
export function finishConfiguration(
  configuration: client.Configuration,
  url: string,
  environment: EnvironmentName,
): client.Configuration {
  configuration.timeout = PROVIDER_TIMEOUT_S;
  if (allowsPlainHttp(url, environment)) {
    // Marked deprecated only to stand out; allowsPlainHttp limits it to a loopback provider in dev/test.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    client.allowInsecureRequests(configuration);
  }
  return configuration;
}
