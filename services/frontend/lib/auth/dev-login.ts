/**
 * Development auto-login: in development the login screen signs in the development account
 * (`POST /auth/dev/login`) by itself, retrying with exponential backoff while the auth service is
 * still starting (no answer, 5xx). It stops at once on a refusal (e.g. `dev_login_disabled`), and it
 * does not run after the person signed out on purpose: that choice is kept in sessionStorage for
 * the tab's life, and cleared by the next explicit sign-in.
 * @module
 */
import type { AuthSession } from '@netra/shared';
import { isApiError } from '../api/api-error';
import { backoffDelay, type BackoffPolicy } from '../browser/backoff';

const SUPPRESS_KEY = 'netra.auth.devLoginSuppressed';

/** The part of `Storage` used here (sessionStorage in the browser, a Map-backed one in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Remembers that the person signed out, so the login page does not sign them straight back in. */
export function suppressDevLogin(storage: KeyValueStorage | undefined): void {
  storage?.setItem(SUPPRESS_KEY, '1');
}

/** Forgets that choice: the person signed in explicitly (or asked for the development login). */
export function allowDevLogin(storage: KeyValueStorage | undefined): void {
  storage?.removeItem(SUPPRESS_KEY);
}

export function isDevLoginSuppressed(storage: KeyValueStorage | undefined): boolean {
  return storage?.getItem(SUPPRESS_KEY) === '1';
}

export interface AutoDevLoginOptions {
  devLogin: () => Promise<AuthSession>;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  /** Told about each failed attempt before the wait (the screen shows "waiting for auth…"). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  backoff?: BackoffPolicy;
  maxAttempts?: number;
  random?: () => number;
}

const DEV_LOGIN_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 8_000 };

function isWorthRetrying(error: unknown): boolean {
  return !isApiError(error) || error.isRetryable;
}

/**
 * Calls `devLogin` until it signs in; waits grow exponentially between attempts that got no
 * answer or a 5xx. Throws the last error on a refusal, after `maxAttempts`, or when aborted.
 */
export async function autoDevLogin(options: AutoDevLoginOptions): Promise<AuthSession> {
  const maxAttempts = options.maxAttempts ?? 12;
  for (let attempt = 0; ; attempt += 1) {
    options.signal.throwIfAborted();
    try {
      return await options.devLogin();
    } catch (error) {
      if (!isWorthRetrying(error) || attempt + 1 >= maxAttempts) {
        throw error;
      }
      const delayMs = backoffDelay(attempt, options.backoff ?? DEV_LOGIN_BACKOFF, options.random);
      options.onRetry?.(error, attempt, delayMs);
      await options.sleep(delayMs, options.signal);
    }
  }
}

/** A `sleep` for the browser that an AbortSignal cancels. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
