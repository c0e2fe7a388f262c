import type { AuthConfig } from '#config.js';
import { GithubLoginProvider, type GithubEndpoints } from './github-login-provider.js';
import { discoveredLoginProvider, googleLoginProvider } from './oidc-login-provider.js';
import type { LoginProvider, ProviderSummary } from './provider.js';

/** The login providers this deployment has configured, by id. */
export class ProviderRegistry {
  private readonly byId: ReadonlyMap<string, LoginProvider>;

  constructor(providers: readonly LoginProvider[]) {
    this.byId = new Map(providers.map((provider) => [provider.id, provider]));
  }

  /** The provider with this id, or undefined when it is unknown or not configured. */
  find(id: string): LoginProvider | undefined {
    return this.byId.get(id);
  }

  /** What the login screen shows: id, button label and protocol of each configured provider. */
  summaries(): ProviderSummary[] {
    return [...this.byId.values()].map(({ id, name, type }) => ({ id, name, type }));
  }
}

/** Options for tests: GitHub's endpoints can point at a local stand-in. */
export interface ProviderRegistryOptions {
  githubEndpoints?: GithubEndpoints;
}

type Values = AuthConfig['values'];
type Environment = AuthConfig['environment'];

function google(values: Values, environment: Environment): LoginProvider | undefined {
  const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret } = values;
  return clientId === undefined || clientSecret === undefined
    ? undefined
    : googleLoginProvider({ clientId, clientSecret, environment });
}

function github(
  values: Values,
  environment: Environment,
  endpoints?: GithubEndpoints,
): LoginProvider | undefined {
  const { GITHUB_CLIENT_ID: clientId, GITHUB_CLIENT_SECRET: clientSecret } = values;
  return clientId === undefined || clientSecret === undefined
    ? undefined
    : new GithubLoginProvider({ clientId, clientSecret, environment, endpoints });
}

function oidc(values: Values, environment: Environment): LoginProvider | undefined {
  const { OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = values;
  return issuer === undefined || clientId === undefined
    ? undefined
    : discoveredLoginProvider(issuer, values.OIDC_PROVIDER_NAME, { clientId, clientSecret, environment });
}

/** Builds the registry from configuration: a provider exists only when its credentials are set. */
export function createProviderRegistry(
  config: AuthConfig,
  options: ProviderRegistryOptions = {},
): ProviderRegistry {
  const { values, environment } = config;
  const providers = [
    google(values, environment),
    github(values, environment, options.githubEndpoints),
    oidc(values, environment),
  ];
  return new ProviderRegistry(providers.filter((provider) => provider !== undefined));
}
