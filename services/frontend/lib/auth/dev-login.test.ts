/**
 * Unit tests of the development auto-login: it retries with exponential backoff while the auth
 * service is starting, stops at a refusal, gives up after its attempts, and stays off for the tab
 * after an explicit sign-out. Also the login redirect's `next` check and the organization choice.
 */
import type { AuthSession } from '@netra/shared';
import type { Organization } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { authErrorMessage, authErrorMessageOf } from './auth-errors';
import {
  allowDevLogin,
  autoDevLogin,
  isDevLoginSuppressed,
  suppressDevLogin,
  type KeyValueStorage,
} from './dev-login';
import { loginHref, safeNextPath } from './login-redirect';
import { pickOrganization, readStoredOrganizationId, storeOrganizationId } from './organization-choice';

const signedIn: AuthSession = {
  access_token: 't',
  token_type: 'Bearer',
  expires_in: 900,
  user: { id: 'u', email: 'dev@netra.local', name: 'Dev', email_verified: true },
};
const unreachable = new ApiError({ status: 0, code: 'network_error', message: 'down' });
const starting = new ApiError({ status: 503, code: 'not_ready', message: 'starting' });
const disabled = new ApiError({ status: 403, code: 'dev_login_disabled', message: 'no' });

function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => values.set(key, value),
    removeItem: (key) => values.delete(key),
  };
}

/** Runs autoDevLogin over scripted answers; records the waits it asked for instead of waiting. */
async function run(answers: (AuthSession | ApiError)[], maxAttempts = 10) {
  const waits: number[] = [];
  let calls = 0;
  const outcome = autoDevLogin({
    devLogin: () => {
      const answer = answers[calls++]!;
      return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
    },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    signal: new AbortController().signal,
    backoff: { baseMs: 100, maxMs: 1_000 },
    random: () => 0.999_999,
    maxAttempts,
  }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { ...(await outcome), waits, calls };
}

describe('development auto-login', () => {
  it('retries with doubling waits while the auth service starts, then signs in', async () => {
    const result = await run([unreachable, unreachable, starting, unreachable, unreachable, signedIn]);
    expect(result).toMatchObject({ value: signedIn, calls: 6 });
    expect(result.waits).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('stops at once when the service refuses', async () => {
    const result = await run([unreachable, disabled, signedIn]);
    expect(result).toMatchObject({ error: disabled, calls: 2 });
  });

  it('gives up after its attempts with the last error', async () => {
    const result = await run([unreachable, unreachable, unreachable], 3);
    expect(result).toMatchObject({ error: unreachable, calls: 3, waits: [100, 200] });
  });

  it('stays off for the tab after an explicit sign-out until the next explicit sign-in', () => {
    const storage = memoryStorage();
    expect(isDevLoginSuppressed(storage)).toBe(false);
    suppressDevLogin(storage);
    expect(isDevLoginSuppressed(storage)).toBe(true);
    allowDevLogin(storage);
    expect(isDevLoginSuppressed(storage)).toBe(false);
  });
});

describe('auth error messages', () => {
  it('has a specific message for every code the auth service raises', () => {
    const codes = [
      'token_missing',
      'token_invalid',
      'token_expired',
      'token_revoked',
      'email_taken',
      'invalid_credentials',
      'account_locked',
      'account_disabled',
      'dev_login_disabled',
      'rate_limited',
      'refresh_token_missing',
      'refresh_token_invalid',
      'refresh_token_reused',
      'session_expired',
      'provider_not_configured',
      'redirect_not_allowed',
      'invalid_state',
      'oauth_failed',
      'provider_unavailable',
      'email_missing',
      'email_not_verified',
      'validation_failed',
      'invalid_json',
      'bad_request',
      'internal_error',
    ];
    const generic = authErrorMessage('no_such_code');
    expect(codes.filter((code) => authErrorMessage(code) === generic)).toEqual([]);
    expect(authErrorMessageOf(disabled)).toBe(authErrorMessage('dev_login_disabled'));
    expect(authErrorMessageOf(new Error('x'))).toBe(generic);
  });
});

describe('login redirect', () => {
  it('keeps same-origin paths and refuses everything else', () => {
    expect(safeNextPath('/reports/r1?tab=data#x')).toBe('/reports/r1?tab=data#x');
    for (const unsafe of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'reports',
      '',
      null,
      '/login?next=/x',
    ]) {
      expect(safeNextPath(unsafe)).toBe('/');
    }
  });

  it('sends a visitor to /login with where they were', () => {
    expect(loginHref('/chat/t1?q=1')).toBe('/login?next=%2Fchat%2Ft1%3Fq%3D1');
    expect(loginHref('/')).toBe('/login');
  });
});

describe('organization choice', () => {
  const organization = (id: string): Organization => ({
    id,
    name: id,
    slug: id,
    personal: false,
    created_at: '2026-01-01T00:00:00.000Z',
    role: 'member',
  });

  it('keeps the stored organization while the user belongs to it, else the first', () => {
    const organizations = [organization('a'), organization('b')];
    const storage = memoryStorage();
    expect(pickOrganization(organizations, readStoredOrganizationId(storage))?.id).toBe('a');
    storeOrganizationId(storage, 'b');
    expect(pickOrganization(organizations, readStoredOrganizationId(storage))?.id).toBe('b');
    expect(pickOrganization([organization('a')], 'b')?.id).toBe('a');
    expect(pickOrganization([], 'b')).toBeNull();
  });
});
