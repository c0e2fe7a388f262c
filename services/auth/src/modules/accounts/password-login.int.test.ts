import { authSessionSchema, errorBodySchema } from '@netra/shared';
import { createAccessTokenVerifier, localJwks } from '@netra/shared/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCookieOf, startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp({ LOGIN_MAX_FAILURES: '3', LOCKOUT_S: '1' });
});

afterAll(async () => {
  await auth.close();
});

const post = (url: string, payload: unknown) =>
  auth.app.inject({ method: 'POST', url, payload: payload as object });
const errorOf = (response: { json(): unknown }) => errorBodySchema.parse(response.json()).error;

async function registered(label: string, password = 'correct horse battery') {
  const email = uniqueEmail(label);
  const response = await post('/auth/register', { email, password, name: 'Ada Lovelace' });
  expect(response.statusCode, response.body).toBe(201);
  return { email, password };
}

describe('POST /auth/register', () => {
  it('creates the account, signs it in and sets the refresh cookie', async () => {
    const email = uniqueEmail('register');
    const response = await post('/auth/register', {
      email,
      password: 'correct horse battery',
      name: ' Ada ',
    });
    expect(response.statusCode).toBe(201);
    const body = authSessionSchema.parse(response.json());
    expect(body.user).toMatchObject({ email, name: 'Ada', email_verified: false });
    const claims = await createAccessTokenVerifier({ keys: localJwks(auth.keys.jwks()) })(body.access_token);
    expect(claims).toMatchObject({ sub: body.user.id, email, token_type: 'access' });
    const cookie = response.cookies.find((item) => item.name === 'netra_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth', secure: true });
    expect(JSON.stringify(body)).not.toContain(cookie?.value ?? 'missing');
  });

  it('refuses an email that exists in another letter case', async () => {
    const { email } = await registered('dupe');
    const response = await post('/auth/register', {
      email: email.toUpperCase(),
      password: 'another password',
      name: 'B',
    });
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('email_taken');
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough pw', name: 'x' }, /^email: /],
    [{ email: 'a@example.test', password: 'short', name: 'x' }, /^password: must be at least 8/],
    [{ email: 'a@example.test', password: 'long enough pw', name: '' }, /^name: /],
    [{ email: 'a@example.test', password: 'long enough pw' }, /^name: /],
  ])('rejects %o naming the field', async (payload, message) => {
    const response = await post('/auth/register', payload);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(message);
  });

  it('answers malformed JSON with a clear error', async () => {
    const response = await auth.app.inject({
      method: 'POST',
      url: '/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('invalid_json');
  });
});

describe('POST /auth/login', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const { email, password } = await registered('login');
    const response = await post('/auth/login', { email: email.toUpperCase(), password });
    expect(response.statusCode).toBe(200);
    expect(authSessionSchema.parse(response.json()).user.email).toBe(email);
    expect(refreshCookieOf(response)).toBeDefined();
  });

  it('answers a wrong password and an unknown account identically', async () => {
    const { email } = await registered('wrong');
    const wrong = await post('/auth/login', { email, password: 'not the password' });
    const unknown = await post('/auth/login', { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(errorOf(wrong).code).toBe('invalid_credentials');
  });

  it('locks the account after repeated failures, refuses even the right password, then unlocks', async () => {
    const { email, password } = await registered('lockout');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await post('/auth/login', { email, password: 'wrong password' })).statusCode).toBe(401);
    }
    const locked = await post('/auth/login', { email, password });
    expect(locked.statusCode).toBe(423);
    expect(errorOf(locked).code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const unlocked = await post('/auth/login', { email, password });
    expect(unlocked.statusCode).toBe(200);
    const events = (await auth.services.audit.forEmail(email)).map((entry) => entry.event);
    expect(events).toEqual([
      'register',
      'login_failure',
      'login_failure',
      'login_failure',
      'account_locked',
      'login_failure',
      'login_success',
    ]);
  });

  it('does not count a success against the next failures (the counter resets)', async () => {
    const { email, password } = await registered('reset');
    await post('/auth/login', { email, password: 'wrong password' });
    await post('/auth/login', { email, password: 'wrong password' });
    expect((await post('/auth/login', { email, password })).statusCode).toBe(200);
    await post('/auth/login', { email, password: 'wrong password' });
    await post('/auth/login', { email, password: 'wrong password' });
    expect((await post('/auth/login', { email, password })).statusCode).toBe(200);
  });
});
