import { countInFixedWindow, type HotStore } from '@netra/shared/redis';
import { authErrors } from './errors.js';

const WINDOW_MS = 60_000;

/**
 * What is counted. `oauth_login` is a provider login start: each one stores a pending login for ten
 * minutes, so unlimited starts would let one client fill the hot tier. `password_change` checks the
 * current password, so a stolen access token must not become a way to guess it.
 */
export type LimitedAction = 'register' | 'login' | 'refresh' | 'oauth_login' | 'password_change';

export interface RateLimits {
  /** Attempts per client IP and action per minute (RATE_LIMIT_PER_IP). */
  perIp: number;
  /** Attempts per account (email) and action per minute (RATE_LIMIT_PER_ACCOUNT). */
  perAccount: number;
}

/**
 * Fixed one-minute windows in the hot tier (Redis when configured, in-process otherwise), so
 * several auth instances share one budget in server mode.
 */
export class RateLimiter {
  constructor(
    private readonly redis: HotStore,
    private readonly limits: RateLimits,
  ) {}

  /** Counts an attempt from a client IP; throws 429 `rate_limited` once the budget is spent. */
  checkIp(action: LimitedAction, ip: string | undefined): Promise<void> {
    return this.count(`${action}:ip:${ip ?? 'unknown'}`, this.limits.perIp);
  }

  /** Counts an attempt naming an account (email), whichever IPs it comes from. */
  checkAccount(action: LimitedAction, email: string): Promise<void> {
    return this.count(`${action}:account:${email.toLowerCase()}`, this.limits.perAccount);
  }

  private async count(bucket: string, limit: number): Promise<void> {
    const { count, resetMs } = await countInFixedWindow(this.redis, bucket, WINDOW_MS);
    if (count > limit) {
      throw authErrors.rateLimited(Math.max(1, Math.ceil(resetMs / 1000)));
    }
  }
}
