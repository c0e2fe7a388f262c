import { authSessionSchema, errorBodySchema } from '@netra/shared';
import {
  createAccessTokenVerifier,
  introspectionRevocations,
  localJwks,
  TokenVerificationError,
} from '@netra/shared/auth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

const codeOf = (response: LightMyRequestResponse) => errorBodySchema.parse(response.json()).error.code;

async function signedUp(label: string) {
  const email = uniqueEmail(label);
  const response = await auth.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email, password: 'correct horse battery', name: 'Grace' },
  });
  return { email, session: authSessionSchema.parse(response.json()), cookie: refreshCookieOf(response)! };
}

const refresh = (cookie?: string) =>
  auth.app.inject({
    method: 'POST',
    url: '/auth/refresh',
    ...(cookie === undefined ? {} : { cookies: { netra_refresh: cookie } }),
  });

describe('POST /auth/refresh', () => {
  it('rotates: a new access token and a new refresh cookie every time', async () => {
    const { cookie, session } = await signedUp('rotate');
    const first = await refresh(cookie);
    expect(first.statusCode).toBe(200);
    const body = authSessionSchema.parse(first.json());
    expect(body.access_token).not.toBe(session.access_token);
    const next = refreshCookieOf(first);
    expect(next).toBeDefined();
    expect(next).not.toBe(cookie);
    expect((await refresh(next)).statusCode).toBe(200);
  });

  it('detects reuse of a rotated token and revokes the whole family', async () => {
    const { cookie, session } = await signedUp('reuse');
    const rotated = refreshCookieOf(await refresh(cookie))!;
    const replay = await refresh(cookie);
    expect(replay.statusCode).toBe(401);
    expect(codeOf(replay)).toBe('refresh_token_reused');
    const afterRevocation = await refresh(rotated);
    expect(afterRevocation.statusCode).toBe(401);
    expect(codeOf(afterRevocation)).toBe('refresh_token_invalid');
    const events = (await auth.services.audit.forUser(session.user.id)).map((entry) => entry.event);
    expect(events).toEqual(['register', 'refresh', 'refresh_reuse_detected']);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const { cookie } = await signedUp('race');
    const answers = await Promise.all([refresh(cookie), refresh(cookie)]);
    const statuses = answers.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('refuses a missing or unknown refresh token', async () => {
    const missing = await refresh();
    expect(missing.statusCode).toBe(401);
    expect(codeOf(missing)).toBe('refresh_token_missing');
    const unknown = await refresh('not-a-real-token');
    expect(codeOf(unknown)).toBe('refresh_token_invalid');
  });
});

describe('expired sessions', () => {
  it('refuses a refresh after the session lifetime', async () => {
    const shortLived = await startAuthTestApp({ REFRESH_TOKEN_TTL_S: '1' });
    try {
      const response = await shortLived.app.inject({
        method: 'POST',
        url: '/auth/register',
        payload: { email: uniqueEmail('expiry'), password: 'correct horse battery', name: 'E' },
      });
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const late = await shortLived.app.inject({
        method: 'POST',
        url: '/auth/refresh',
        cookies: { netra_refresh: refreshCookieOf(response)! },
      });
      expect(late.statusCode).toBe(401);
      expect(codeOf(late)).toBe('session_expired');
    } finally {
      await shortLived.close();
    }
  });
});

describe('GET /auth/me', () => {
  it('returns the signed-in user', async () => {
    const { session, email } = await signedUp('me');
    const response = await auth.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email, has_password: true, providers: [] });
  });

  it.each([
    [undefined, 'token_missing'],
    ['Bearer not.a.jwt', 'token_invalid'],
    ['Basic abc', 'token_missing'],
  ])('refuses authorization %s with %s', async (header, code) => {
    const response = await auth.app.inject({
      method: 'GET',
      url: '/auth/me',
      ...(header === undefined ? {} : { headers: { authorization: header } }),
    });
    expect(response.statusCode).toBe(401);
    expect(codeOf(response)).toBe(code);
  });
});

describe('POST /auth/logout', () => {
  it('revokes the session and the access token, and clears the cookie', async () => {
    const { session, cookie } = await signedUp('logout');
    const response = await auth.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${session.access_token}` },
      cookies: { netra_refresh: cookie },
    });
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((item) => item.name === 'netra_refresh');
    expect(cleared?.value).toBe('');

    const me = await auth.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(codeOf(me)).toBe('token_revoked');
    expect(codeOf(await refresh(cookie))).toBe('refresh_token_invalid');
  });

  it('makes the token fail verification for other services too (revocation lookup over HTTP)', async () => {
    const { session } = await signedUp('logout-remote');
    await auth.app.listen({ port: 0, host: '127.0.0.1' });
    const address = auth.app.server.address();
    const url = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
    const verify = createAccessTokenVerifier({
      keys: localJwks(auth.keys.jwks()),
      isRevoked: introspectionRevocations(url),
    });
    await expect(verify(session.access_token)).resolves.toMatchObject({ sub: session.user.id });
    await auth.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    const rejection = await verify(session.access_token).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(TokenVerificationError);
    expect((rejection as TokenVerificationError).code).toBe('token_revoked');
  });

  it('is idempotent without credentials', async () => {
    const response = await auth.app.inject({ method: 'POST', url: '/auth/logout' });
    expect(response.statusCode).toBe(204);
  });
});

describe('POST /auth/dev/login', () => {
  it('is refused outside development', async () => {
    const response = await auth.app.inject({ method: 'POST', url: '/auth/dev/login' });
    expect(response.statusCode).toBe(403);
    expect(codeOf(response)).toBe('dev_login_disabled');
  });

  it('signs in the developer account in development, the same account every time', async () => {
    const dev = await startAuthTestApp({ ENVIRONMENT: 'development', DEV_LOGIN_EMAIL: uniqueEmail('dev') });
    try {
      const first = authSessionSchema.parse(
        (await dev.app.inject({ method: 'POST', url: '/auth/dev/login' })).json(),
      );
      const second = authSessionSchema.parse(
        (await dev.app.inject({ method: 'POST', url: '/auth/dev/login' })).json(),
      );
      expect(first.user.id).toBe(second.user.id);
      expect(first.user).toMatchObject({ email: dev.config.values.DEV_LOGIN_EMAIL, email_verified: true });
      const config = (await dev.app.inject({ method: 'GET', url: '/auth/config' })).json<{
        dev_login: boolean;
      }>();
      expect(config.dev_login).toBe(true);
    } finally {
      await dev.close();
    }
  });
});

describe('discovery', () => {
  it('publishes the public signing keys, never the private part', async () => {
    const { session } = await signedUp('jwks');
    const response = await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    const jwks = response.json<{ keys: Record<string, unknown>[] }>();
    expect(response.headers['cache-control']).toContain('max-age');
    expect(jwks.keys.map((key) => key.kid)).toContain(auth.keys.current.kid);
    expect(
      jwks.keys.every((key) => key.d === undefined && key.alg === 'EdDSA' && key.crv === 'Ed25519'),
    ).toBe(true);
    const header = JSON.parse(Buffer.from(session.access_token.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(auth.keys.current.kid);
  });

  it('describes the login options and endpoints', async () => {
    const config = (await auth.app.inject({ method: 'GET', url: '/auth/config' })).json<
      Record<string, unknown>
    >();
    expect(config).toMatchObject({
      environment: 'test',
      development_mode: false,
      password_login: true,
      dev_login: false,
    });
    const endpoints = config.endpoints as Record<string, string | null>;
    expect(endpoints.dev_login).toBeNull();
    expect(endpoints.jwks).toMatch(/\/.well-known\/jwks.json$/);
  });
});
