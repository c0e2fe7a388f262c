import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GithubEndpoints } from '#modules/oauth/providers/github-login-provider.js';
import { closeServer } from './oidc-servers.js';

/** What the stand-in's one signed-in GitHub user looks like. */
export interface StandInUser {
  user: Record<string, unknown>;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

interface IssuedCode {
  challenge: string;
  redirectUri: string;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * A local stand-in for GitHub's OAuth endpoints plus `/user` and `/user/emails`. It behaves like
 * GitHub where it matters: the authorize page approves at once, codes are single use and bound to
 * the PKCE challenge and redirect URI, token errors come back as HTTP 200 with an `error` field,
 * and the API wants a bearer token and a user agent.
 */
export class GithubStandIn {
  readonly clientId = 'gh-client';
  readonly clientSecret = randomBytes(16).toString('hex');
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Set<string>();
  private current: StandInUser = { user: { id: 1, login: 'nobody' }, emails: [] };
  private readonly server: Server = createServer((request, response) => {
    void this.route(request, response);
  });

  /** Listens on a free loopback port and returns the endpoints to configure the provider with. */
  async start(): Promise<GithubEndpoints> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return {
      authorization: `${base}/login/oauth/authorize`,
      token: `${base}/login/oauth/access_token`,
      api: base,
    };
  }

  /** The GitHub user the next approval signs in. */
  setUser(user: StandInUser): void {
    this.current = user;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname === '/login/oauth/authorize') {
      this.authorize(url, response);
    } else if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
      await this.token(request, response);
    } else if (url.pathname === '/user' || url.pathname === '/user/emails') {
      this.api(request, url, response);
    } else {
      sendJson(response, 404, { message: 'Not Found' });
    }
  }

  private authorize(url: URL, response: ServerResponse): void {
    const code = randomBytes(10).toString('hex');
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    this.codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { location: back.href }).end();
  }

  /** Redeems the form's code (once, whatever the outcome) and checks everything bound to it. */
  private redeems(form: URLSearchParams): boolean {
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    return (
      form.get('client_id') === this.clientId &&
      form.get('client_secret') === this.clientSecret &&
      issued !== undefined &&
      issued.redirectUri === form.get('redirect_uri') &&
      issued.challenge === s256(form.get('code_verifier') ?? '')
    );
  }

  private async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!this.redeems(await formOf(request))) {
      const error_description = 'The code passed is incorrect or expired.';
      sendJson(response, 200, { error: 'bad_verification_code', error_description });
      return;
    }
    const accessToken = `gho_${randomBytes(12).toString('hex')}`;
    this.tokens.add(accessToken);
    sendJson(response, 200, {
      access_token: accessToken,
      token_type: 'bearer',
      scope: 'read:user,user:email',
    });
  }

  private api(request: IncomingMessage, url: URL, response: ServerResponse): void {
    const bearer = request.headers.authorization?.replace(/^Bearer /i, '') ?? '';
    if (!this.tokens.has(bearer) || request.headers['user-agent'] === undefined) {
      sendJson(response, 401, { message: 'Requires authentication' });
      return;
    }
    sendJson(response, 200, url.pathname === '/user' ? this.current.user : this.current.emails);
  }
}
