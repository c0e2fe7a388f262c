/**
 * The auth service's endpoints as the browser calls them (services/auth/README.md). Every call
 * that signs in or refreshes sends cookies (`credentials: 'include'`): the refresh token lives only
 * in the httpOnly `netra_refresh` cookie, which this code never sees.
 * @module
 */
import { authSessionSchema, type AuthSession } from '@netra/shared';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client';

/** `GET /auth/config`: what this deployment offers on the login screen. */
export const loginOptionsSchema = z.object({
  environment: z.string(),
  development_mode: z.boolean(),
  password_login: z.boolean(),
  dev_login: z.boolean(),
  providers: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), login_url: z.url() })),
});
export type LoginOptions = z.infer<typeof loginOptionsSchema>;
export type AuthProviderOption = LoginOptions['providers'][number];

export interface PasswordSignIn {
  email: string;
  password: string;
}

/** The calls of the login screen and the session. */
export interface AuthApi {
  config(signal?: AbortSignal): Promise<LoginOptions>;
  login(credentials: PasswordSignIn): Promise<AuthSession>;
  register(input: PasswordSignIn & { name: string }): Promise<AuthSession>;
  devLogin(): Promise<AuthSession>;
  refresh(): Promise<AuthSession>;
  /** Ends the session family (cookie) and revokes the current access token (the client's bearer). */
  logout(): Promise<void>;
}

/** The auth endpoints on a client whose base URL is the auth service. */
export function createAuthApi(client: ApiClient): AuthApi {
  const session = (path: string, body?: unknown) =>
    client.request(path, {
      method: 'POST',
      body,
      schema: authSessionSchema,
      credentials: 'include',
      anonymous: true,
    });
  return {
    config: (signal) =>
      client.request('/auth/config', { schema: loginOptionsSchema, signal, anonymous: true }),
    login: (credentials) => session('/auth/login', credentials),
    register: (input) => session('/auth/register', input),
    devLogin: () => session('/auth/dev/login'),
    refresh: () => session('/auth/refresh'),
    logout: () => client.request('/auth/logout', { method: 'POST', credentials: 'include' }),
  };
}

/**
 * Where a provider button sends the browser: the auth service's login URL with `redirect` back to
 * this app's login page, which finishes the sign-in (refresh from the new cookie) or shows
 * `?auth_error=`.
 */
export function providerLoginUrl(provider: AuthProviderOption, returnTo: string): string {
  const url = new URL(provider.login_url);
  url.searchParams.set('redirect', returnTo);
  return url.href;
}
