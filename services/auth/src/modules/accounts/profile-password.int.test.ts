/**
 * `PATCH /auth/me` and `POST /auth/password` on the real stores: a rename shows in the profile, bad
 * input names its field, a wrong current password answers a stable code, and a change ends every
 * other session while the one it came from keeps refreshing.
 */
import { authSessionSchema, errorBodySchema } from '@netra/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsRepository } from '#modules/accounts/accounts.repository.js';
import { refreshCookieOf, startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp({ RATE_LIMIT_PER_ACCOUNT: '1000' });
});

afterAll(async () => {
  await auth.close();
});

const errorOf = (response: { json(): unknown }) => errorBodySchema.parse(response.json()).error;

interface SignedIn {
  email: string;
  password: string;
  token: string;
  cookie: string;
}

async function signIn(email: string, password: string): Promise<SignedIn> {
  const response = await auth.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const token = authSessionSchema.parse(response.json()).access_token;
  return { email, password, token, cookie: refreshCookieOf(response) ?? '' };
}

async function registered(label: string): Promise<SignedIn> {
  const email = uniqueEmail(label);
  const password = 'correct horse battery';
  const response = await auth.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email, password, name: 'Ada' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return signIn(email, password);
}

function call(method: 'PATCH' | 'POST', url: string, who: SignedIn, payload: object, withCookie = true) {
  return auth.app.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${who.token}` },
    cookies: withCookie ? { netra_refresh: who.cookie } : {},
  });
}

const refresh = (cookie: string) =>
  auth.app.inject({ method: 'POST', url: '/auth/refresh', cookies: { netra_refresh: cookie } });

describe('PATCH /auth/me', () => {
  it('renames the account, trimmed, and the profile shows it', async () => {
    const user = await registered('rename');
    const response = await call('PATCH', '/auth/me', user, { name: '  Ada Byron ' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ email: user.email, name: 'Ada Byron', has_password: true });
    const me = await auth.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(me.json()).toMatchObject({ name: 'Ada Byron' });
  });

  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{}, 'name'],
  ])('refuses %o naming the field', async (payload, field) => {
    const user = await registered('rename-bad');
    const response = await call('PATCH', '/auth/me', user, payload);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'validation_failed', field });
  });

  it('needs an access token', async () => {
    const response = await auth.app.inject({ method: 'PATCH', url: '/auth/me', payload: { name: 'X' } });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).code).toBe('token_missing');
  });
});

describe('POST /auth/password', () => {
  it('refuses a wrong current password with a stable code naming the field, and keeps the old one', async () => {
    const user = await registered('pw-wrong');
    const response = await call('POST', '/auth/password', user, {
      current_password: 'not the password',
      new_password: 'a brand new password',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'current_password_incorrect',
      field: 'current_password',
    });
    await signIn(user.email, user.password);
  });

  it.each([
    [{ current_password: 'correct horse battery', new_password: 'short' }, 'new_password'],
    [{ current_password: 'correct horse battery' }, 'new_password'],
    [{ new_password: 'a brand new password' }, 'current_password'],
  ])('refuses %o naming the field', async (payload, field) => {
    const user = await registered('pw-bad');
    const response = await call('POST', '/auth/password', user, payload);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).field).toBe(field);
  });

  it('changes the password, ends the other sessions and keeps the caller signed in', async () => {
    const user = await registered('pw-change');
    const other = await signIn(user.email, user.password);
    const response = await call('POST', '/auth/password', user, {
      current_password: user.password,
      new_password: 'a brand new password',
    });
    expect(response.statusCode, response.body).toBe(200);
    // The registration's session and the second sign-in end; the caller's own stays.
    expect(response.json()).toEqual({ changed: true, other_sessions_revoked: 2 });
    expect((await refresh(other.cookie)).statusCode).toBe(401);
    expect((await refresh(user.cookie)).statusCode).toBe(200);
    const old = await auth.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(old.statusCode).toBe(401);
    await signIn(user.email, 'a brand new password');
  });

  it('ends every session when the caller sends no refresh cookie', async () => {
    const user = await registered('pw-nocookie');
    const response = await call(
      'POST',
      '/auth/password',
      user,
      { current_password: user.password, new_password: 'another new password' },
      false,
    );
    expect(response.json()).toEqual({ changed: true, other_sessions_revoked: 2 });
    expect((await refresh(user.cookie)).statusCode).toBe(401);
  });

  it('lets an account without a password (provider login) set its first one without a current one', async () => {
    const user = await registered('pw-first');
    const account = await auth.services.accounts.findByEmail(user.email);
    await new AccountsRepository(auth.stores.postgres.db).clearPassword(account?.id ?? '');
    const first = await call('POST', '/auth/password', user, { new_password: 'first own password' });
    expect(first.statusCode, first.body).toBe(200);
    await signIn(user.email, 'first own password');
  });
});
