import type { AuthConfig } from '#config.js';
import type { OAuthService } from '#modules/oauth/oauth.service.js';

/** The public endpoints; development login only exists in development. */
function endpoints(endpoint: (path: string) => string, development: boolean) {
  return {
    register: endpoint('/auth/register'),
    login: endpoint('/auth/login'),
    refresh: endpoint('/auth/refresh'),
    logout: endpoint('/auth/logout'),
    me: endpoint('/auth/me'),
    dev_login: development ? endpoint('/auth/dev/login') : null,
    jwks: endpoint('/.well-known/jwks.json'),
  };
}

/** What a client (the login screen) learns from `GET /auth/config`: login options and endpoint URLs. */
export class DiscoveryService {
  constructor(
    private readonly config: AuthConfig,
    private readonly oauth: OAuthService,
  ) {}

  /** The login options this deployment offers and where each endpoint is. */
  configuration() {
    const { environment, values } = this.config;
    const base = values.AUTH_SERVICE_URL.replace(/\/$/, '');
    const development = environment === 'development';
    const endpoint = (path: string) => `${base}${path}`;
    return {
      environment,
      development_mode: development,
      password_login: true,
      dev_login: development,
      providers: this.oauth.providers().map((provider) => ({
        ...provider,
        login_url: endpoint(`/auth/login/${provider.id}`),
      })),
      endpoints: endpoints(endpoint, development),
    };
  }
}
