import { createLogger } from '@netra/shared/server';
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildAuthApp, openAuth, type Auth, type AuthOptions, type AuthServices } from '#composition.js';
import { loadAuthConfig, type AuthConfig } from '#config.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import type { AuthStores } from '#platform/stores/index.js';

/** A running in-process auth service on the test run's real stores. */
export interface AuthTestApp {
  app: FastifyInstance;
  config: AuthConfig;
  auth: Auth;
  stores: AuthStores;
  keys: KeyRing;
  services: AuthServices;
  close(): Promise<void>;
}

/** Starts the auth app for tests; `overrides` set configuration variables (e.g. ENVIRONMENT). */
export async function startAuthTestApp(
  overrides: Record<string, string | undefined> = {},
  options: AuthOptions = {},
): Promise<AuthTestApp> {
  const config = loadAuthConfig(serviceTestEnvironment({ overrides }));
  const auth = await openAuth(config, options);
  const app = buildAuthApp({
    config,
    logger: createLogger({ service: 'auth', level: 'silent' }),
    stores: auth,
  });
  await app.ready();
  const { stores, keys, services } = auth;
  const close = async () => {
    await app.close();
    await auth.close();
  };
  return { app, config, auth, stores, keys, services, close };
}

/** The refresh cookie value set by a response, if any. */
export function refreshCookieOf(response: LightMyRequestResponse): string | undefined {
  return response.cookies.find((cookie) => cookie.name === 'netra_refresh')?.value;
}

let counter = 0;

/** An email no other test in the run uses (tests share one database and create their own users). */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.test`;
}
