import * as client from 'openid-client';
import type { EnvironmentName } from '@netra/shared';
import { finishConfiguration } from './client-setup.js';
import {
  githubEmailsSchema,
  githubUserSchema,
  profileFromGithub,
  type GithubEmails,
} from './github-profile.js';
import type { LoginChecks, LoginProvider, ProviderProfile } from './provider.js';

/** Where GitHub's OAuth app flow and REST API live; tests point these at a local stand-in. */
export interface GithubEndpoints {
  authorization: string;
  token: string;
  api: string;
}

/** GitHub's real endpoints. */
export const GITHUB_ENDPOINTS: GithubEndpoints = {
  authorization: 'https://github.com/login/oauth/authorize',
  token: 'https://github.com/login/oauth/access_token',
  api: 'https://api.github.com',
};

const GITHUB_SCOPE = 'read:user user:email';
const API_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
  // GitHub's REST API refuses requests without a user agent.
  'user-agent': 'netra-auth',
};

/** GitHub settings: the OAuth app's credentials and, for tests, other endpoints. */
export interface GithubSettings {
  clientId: string;
  clientSecret: string;
  environment: EnvironmentName;
  endpoints?: GithubEndpoints;
}

/** GitHub: plain OAuth 2 (no ID token), so the profile comes from its REST API. */
export class GithubLoginProvider implements LoginProvider {
  readonly id = 'github';
  readonly name = 'GitHub';
  readonly type = 'oauth';
  private readonly configuration: client.Configuration;
  private readonly api: string;

  constructor(settings: GithubSettings) {
    const endpoints = settings.endpoints ?? GITHUB_ENDPOINTS;
    // GitHub publishes no metadata document; this is the part of it the code flow needs.
    const metadata: client.ServerMetadata = {
      issuer: new URL(endpoints.authorization).origin,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
    };
    const auth = client.ClientSecretPost(settings.clientSecret);
    const configuration = new client.Configuration(metadata, settings.clientId, undefined, auth);
    this.configuration = finishConfiguration(configuration, endpoints.token, settings.environment);
    this.api = endpoints.api.replace(/\/$/, '');
  }

  async authorizationUrl(redirectUri: string, checks: LoginChecks): Promise<URL> {
    return client.buildAuthorizationUrl(this.configuration, {
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: GITHUB_SCOPE,
      state: checks.state,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  async exchange(callbackUrl: URL, checks: LoginChecks): Promise<ProviderProfile> {
    const tokens = await client.authorizationCodeGrant(this.configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
    });
    const user = await this.get(tokens.access_token, '/user');
    if (!user.ok) {
      throw new Error(`GitHub /user answered ${user.status}`);
    }
    const emails = await this.get(tokens.access_token, '/user/emails');
    return profileFromGithub(githubUserSchema.parse(user.body), this.emailsOf(emails));
  }

  private emailsOf(response: { ok: boolean; body: unknown }): GithubEmails {
    // Without the emails list we fall back to the public email, which then counts as unverified.
    return response.ok ? githubEmailsSchema.parse(response.body) : [];
  }

  private async get(
    accessToken: string,
    path: string,
  ): Promise<{ ok: boolean; status: number; body: unknown }> {
    const url = new URL(`${this.api}${path}`);
    const headers = new Headers(API_HEADERS);
    const response = await client.fetchProtectedResource(
      this.configuration,
      accessToken,
      url,
      'GET',
      undefined,
      headers,
    );
    return {
      ok: response.ok,
      status: response.status,
      body: response.ok ? await response.json() : undefined,
    };
  }
}
