import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '#context.js';

/** A provider the login screen can offer. */
export interface ProviderSummary {
  id: string;
  name: string;
  type: 'oauth' | 'oidc';
}

/** The login options and endpoint URLs a client (the login screen) needs. */
export function authConfiguration(ctx: AuthContext, providers: ProviderSummary[]) {
  const base = ctx.config.values.AUTH_SERVICE_URL.replace(/\/$/, '');
  const development = ctx.config.environment === 'development';
  const endpoint = (path: string) => `${base}${path}`;
  return {
    environment: ctx.config.environment,
    development_mode: development,
    password_login: true,
    dev_login: development,
    providers: providers.map((provider) => ({
      ...provider,
      login_url: endpoint(`/auth/login/${provider.id}`),
    })),
    endpoints: {
      register: endpoint('/auth/register'),
      login: endpoint('/auth/login'),
      refresh: endpoint('/auth/refresh'),
      logout: endpoint('/auth/logout'),
      me: endpoint('/auth/me'),
      dev_login: development ? endpoint('/auth/dev/login') : null,
      jwks: endpoint('/.well-known/jwks.json'),
    },
  };
}

/** `GET /.well-known/jwks.json` and `GET /auth/config`. */
export function registerDiscoveryRoutes(
  app: FastifyInstance,
  ctx: AuthContext,
  providers: () => ProviderSummary[],
): void {
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    // Short enough that a rotated key is picked up quickly; verifiers also refetch on an unknown kid.
    return reply.header('cache-control', 'public, max-age=300').send(ctx.keys.jwks());
  });
  app.get('/auth/config', () => authConfiguration(ctx, providers()));
}
