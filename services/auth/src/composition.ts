/**
 * The one place that wires the auth service: signing keys and store connectors → repositories →
 * services → routes. Nothing else constructs a repository or a service.
 * @module
 */
import cookie from '@fastify/cookie';
import type { Logger } from '@netra/shared/server';
import {
  createPlatformApp,
  createRequestMetrics,
  installRequestMetrics,
  registerMetricsRoute,
  type ServiceStores,
} from '@netra/shared/http';
import type { FastifyInstance } from 'fastify';
import type { AuthConfig } from '#config.js';
import { AccountsRepository } from '#modules/accounts/accounts.repository.js';
import { registerAccountRoutes } from '#modules/accounts/accounts.routes.js';
import { AccountsService } from '#modules/accounts/accounts.service.js';
import { ProviderAccountsService } from '#modules/accounts/provider-accounts.service.js';
import { AuditRepository } from '#modules/audit/audit.repository.js';
import { AuditService } from '#modules/audit/audit.service.js';
import { registerDiscoveryRoutes } from '#modules/discovery/discovery.routes.js';
import { DiscoveryService } from '#modules/discovery/discovery.service.js';
import { registerKeyRoutes } from '#modules/keys/keys.routes.js';
import { loadKeyRing } from '#modules/keys/keys.service.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import { OAuthRepository } from '#modules/oauth/oauth.repository.js';
import { registerOAuthRoutes } from '#modules/oauth/oauth.routes.js';
import { OAuthService } from '#modules/oauth/oauth.service.js';
import type { GithubEndpoints } from '#modules/oauth/providers/github-login-provider.js';
import { createProviderRegistry } from '#modules/oauth/providers/provider-registry.js';
import { SessionsRepository } from '#modules/sessions/sessions.repository.js';
import { registerSessionRoutes } from '#modules/sessions/sessions.routes.js';
import { SessionsService } from '#modules/sessions/sessions.service.js';
import { CurrentUserGuard } from '#platform/http/current-user.js';
import { RateLimiter } from '#platform/http/rate-limiter.js';
import { openAuthStores, type AuthStores } from '#platform/stores/index.js';

/** The services the routes call. */
export interface AuthServices {
  accounts: AccountsService;
  providerAccounts: ProviderAccountsService;
  sessions: SessionsService;
  audit: AuditService;
  oauth: OAuthService;
  discovery: DiscoveryService;
}

/** The composed auth service: its configuration, signing keys, stores and services. */
export interface Auth extends ServiceStores {
  config: AuthConfig;
  keys: KeyRing;
  stores: AuthStores;
  services: AuthServices;
}

/** Test seams: GitHub's endpoints can point at a local stand-in. */
export interface AuthOptions {
  githubEndpoints?: GithubEndpoints;
}

function createServices(config: AuthConfig, keys: KeyRing, stores: AuthStores, options: AuthOptions) {
  const db = stores.postgres.db;
  const audit = new AuditService(new AuditRepository(db));
  const accountsRepository = new AccountsRepository(db);
  const accounts = new AccountsService({ config, accounts: accountsRepository, audit });
  const sessionsRepository = new SessionsRepository(db, stores.redis);
  const sessions = new SessionsService({ config, keys, sessions: sessionsRepository, accounts, audit });
  const providerAccounts = new ProviderAccountsService({ accounts: accountsRepository, sessions, audit });
  const registry = createProviderRegistry(config, { githubEndpoints: options.githubEndpoints });
  const pendingLogins = new OAuthRepository(stores.redis);
  const oauth = new OAuthService({ config, registry, pendingLogins, providerAccounts, audit });
  const discovery = new DiscoveryService(config, oauth);
  return { accounts, providerAccounts, sessions, audit, oauth, discovery } satisfies AuthServices;
}

/**
 * Loads the signing keys, opens the stores and composes the auth service. Keys come first, so a
 * bad AUTH_SIGNING_KEYS stops the start before any store is opened.
 */
export async function openAuth(config: AuthConfig, options: AuthOptions = {}): Promise<Auth> {
  const keys = await loadKeyRing(config);
  const stores = await openAuthStores(config);
  return {
    config,
    keys,
    stores,
    services: createServices(config, keys, stores, options),
    probes: () => stores.probes(),
    close: () => stores.close(),
  };
}

/** Builds the auth HTTP app without listening, so tests can drive it in-process. */
export function buildAuthApp(deps: { config: AuthConfig; logger: Logger; stores: Auth }): FastifyInstance {
  const auth = deps.stores;
  const { config, services } = auth;
  const app = createPlatformApp({ service: 'auth', moduleUrl: import.meta.url, ...deps });
  const metrics = createRequestMetrics();
  installRequestMetrics(app, metrics);
  registerMetricsRoute(app, metrics);
  void app.register(cookie);
  const { RATE_LIMIT_PER_IP: perIp, RATE_LIMIT_PER_ACCOUNT: perAccount } = config.values;
  const limiter = new RateLimiter(auth.stores.redis, { perIp, perAccount });
  const guard = new CurrentUserGuard(services.sessions.verifyAccessToken);
  const { accounts, sessions, oauth } = services;
  registerKeyRoutes(app, auth.keys);
  registerDiscoveryRoutes(app, services.discovery);
  registerAccountRoutes(app, { config, accounts, sessions, limiter, guard });
  registerSessionRoutes(app, { config, sessions, limiter });
  registerOAuthRoutes(app, { config, oauth, sessions, limiter });
  return app;
}
