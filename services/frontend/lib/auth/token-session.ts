/**
 * The signed-in state of one browser tab. The access token lives only here, in memory (never in
 * storage a script could read later); the refresh token lives only in the auth service's httpOnly
 * cookie. A refresh is scheduled shortly before the token expires, and at most one refresh runs at
 * a time — in this tab (one shared promise) and across tabs (a Web Lock where the browser has one),
 * because two refreshes with the same cookie look like token theft to the auth service and end the
 * session (`refresh_token_reused`).
 * @module
 */
import type { AuthSession, AuthUser } from '@netra/shared';
import { isApiError, type ApiError } from '../api/api-error';
import { backoffDelay, type BackoffPolicy } from '../browser/backoff';

export type SessionStatus = 'loading' | 'signed_in' | 'signed_out';

/** What screens render from; a new object on every change (for useSyncExternalStore). */
export interface SessionSnapshot {
  status: SessionStatus;
  user: AuthUser | null;
  accessToken: string | null;
  /** Epoch ms at which the access token expires. */
  expiresAt: number | null;
  /** Why the session ended or could not start, when a call said so. */
  error: ApiError | null;
}

/** The clock and timers, injectable so tests drive them without waiting. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface TokenSessionOptions {
  /** `POST /auth/refresh` (with the cookie). */
  refresh: () => Promise<AuthSession>;
  timers?: Timers;
  /** Serializes refreshes across tabs; the default uses `navigator.locks` when present. */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Waits between refresh retries while the auth service cannot be reached. */
  retryBackoff?: BackoffPolicy;
}

const REFRESH_LOCK = 'netra-auth-refresh';
const MAX_REFRESH_LEAD_MS = 60_000;
const RETRY_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

/** How long before expiry to refresh: a fifth of the lifetime, at most a minute. */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_LEAD_MS, Math.floor(lifetimeMs / 5));
}

/** Runs `task` under the cross-tab refresh lock when the browser offers Web Locks. */
export async function browserRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks === undefined ? task() : await locks.request(REFRESH_LOCK, task);
}

const initialSnapshot: SessionSnapshot = {
  status: 'loading',
  user: null,
  accessToken: null,
  expiresAt: null,
  error: null,
};

/** The session store: subscribe / snapshot for React, accept / refresh / clear for the flows. */
export class TokenSession {
  private current: SessionSnapshot = initialSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly timers: Timers;
  private readonly withLock: <T>(task: () => Promise<T>) => Promise<T>;
  private inflight: Promise<string | null> | null = null;
  private timer: unknown = null;
  private failedRefreshes = 0;
  private lifetimeMs = 0;

  constructor(private readonly options: TokenSessionOptions) {
    this.timers = options.timers ?? browserTimers;
    this.withLock = options.withLock ?? browserRefreshLock;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SessionSnapshot => this.current;

  /** The access token to send, or null when signed out. */
  readonly accessToken = (): string | null => this.current.accessToken;

  /** Takes a session a sign-in or refresh answered with and schedules the next refresh. */
  accept(session: AuthSession): void {
    const lifetimeMs = session.expires_in * 1_000;
    const expiresAt = this.timers.now() + lifetimeMs;
    this.lifetimeMs = lifetimeMs;
    this.failedRefreshes = 0;
    this.set({
      status: 'signed_in',
      user: session.user,
      accessToken: session.access_token,
      expiresAt,
      error: null,
    });
    this.schedule(lifetimeMs - refreshLeadMs(lifetimeMs));
  }

  /** Signs this tab out locally (the logout call is the caller's). */
  clear(error: ApiError | null = null): void {
    this.cancelTimer();
    this.set({ status: 'signed_out', user: null, accessToken: null, expiresAt: null, error });
  }

  /**
   * Refreshes now, or joins the refresh already running; resolves to the new access token, or null
   * when the session is over (signed out) or the auth service cannot be reached (kept; retried).
   */
  refresh(): Promise<string | null> {
    this.inflight ??= this.withLock(() => this.runRefresh()).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * Starts (or restarts, after `dispose`) the session: the first call restores it from the cookie
   * with one refresh; later calls put back the refresh that `dispose` cancelled.
   */
  start(): void {
    const { status, expiresAt } = this.current;
    if (status === 'loading') {
      void this.refresh();
    } else if (status === 'signed_in' && expiresAt !== null && this.timer === null) {
      const lifetimeLeftMs = expiresAt - this.timers.now();
      this.schedule(lifetimeLeftMs - refreshLeadMs(this.lifetimeMs));
    }
  }

  /** Stops the scheduled refresh (the provider unmounts); listeners unsubscribe on their own. */
  dispose(): void {
    this.cancelTimer();
  }

  private async runRefresh(): Promise<string | null> {
    try {
      const session = await this.options.refresh();
      this.accept(session);
      return session.access_token;
    } catch (error) {
      this.onRefreshFailed(error);
      return null;
    }
  }

  private onRefreshFailed(error: unknown): void {
    if (isApiError(error) && !error.isRetryable) {
      // The auth service said no (no cookie, reused, expired): the session is over.
      this.clear(error.status === 401 && this.current.status === 'loading' ? null : error);
      return;
    }
    // Unreachable or failing: keep what we have and try again with growing waits.
    if (this.current.status === 'loading') {
      this.set({ ...this.current, status: 'signed_out', error: isApiError(error) ? error : null });
    }
    this.failedRefreshes += 1;
    if (this.current.accessToken !== null) {
      this.schedule(backoffDelay(this.failedRefreshes - 1, this.options.retryBackoff ?? RETRY_BACKOFF));
    }
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        void this.refresh();
      },
      Math.max(0, delayMs),
    );
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private set(next: SessionSnapshot): void {
    this.current = next;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
