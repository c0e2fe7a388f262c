import cookie from '@fastify/cookie';
import type { Logger } from '@netra/shared/server';
import { createPlatformApp } from '@netra/shared/http';
import type { FastifyInstance } from 'fastify';
import type { AuthConfig } from '#config.js';
import { createAuthContext } from '#create-context.js';
import { RateLimiter } from '#platform/http/rate-limiter.js';
import type { KeyRing } from '#modules/keys/signing-keys.js';
import { createProviderRegistry } from '#modules/oauth/providers/provider-registry.js';
import { registerDiscoveryRoutes } from '#modules/discovery/discovery.routes.js';
import { registerOAuthRoutes } from '#modules/oauth/oauth.routes.js';
import { registerPasswordRoutes } from '#modules/accounts/accounts.routes.js';
import { registerSessionRoutes } from '#modules/sessions/sessions.routes.js';
import type { AuthStores } from '#platform/stores/index.js';

export interface AuthDependencies {
  config: AuthConfig;
  logger: Logger;
  stores: AuthStores;
  keys: KeyRing;
}

/** Builds the auth HTTP app without listening, so tests can drive it in-process. */
export function buildAuthApp(deps: AuthDependencies): FastifyInstance {
  const app = createPlatformApp({ service: 'auth', moduleUrl: import.meta.url, ...deps });
  void app.register(cookie);
  const ctx = createAuthContext(deps.config, deps.stores, deps.keys);
  const values = deps.config.values;
  const limiter = new RateLimiter(ctx.hot, values.RATE_LIMIT_PER_IP, values.RATE_LIMIT_PER_ACCOUNT);
  const providers = createProviderRegistry(deps.config);
  registerDiscoveryRoutes(app, ctx, () => providers.summaries());
  registerPasswordRoutes(app, ctx, limiter);
  registerSessionRoutes(app, ctx, limiter);
  registerOAuthRoutes(app, ctx, providers);
  return app;
}
