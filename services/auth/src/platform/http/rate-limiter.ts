import { authErrors } from './errors.js';
import type { AuthHotRepository } from '#platform/stores/hot.repository.js';

const WINDOW_MS = 60_000;

export type LimitedAction = 'register' | 'login' | 'refresh';

/**
 * Fixed one-minute windows in the hot tier (Redis when configured, in-process otherwise), so
 * several auth instances share one budget in server mode.
 */
export class RateLimiter {
  constructor(
    private readonly hot: AuthHotRepository,
    private readonly perIp: number,
    private readonly perAccount: number,
  ) {}

  /** Counts an attempt from a client IP; throws 429 `rate_limited` once the budget is spent. */
  checkIp(action: LimitedAction, ip: string | undefined): Promise<void> {
    return this.count(`${action}:ip:${ip ?? 'unknown'}`, this.perIp);
  }

  /** Counts an attempt naming an account (email), whichever IPs it comes from. */
  checkAccount(action: LimitedAction, email: string): Promise<void> {
    return this.count(`${action}:account:${email.toLowerCase()}`, this.perAccount);
  }

  private async count(bucket: string, limit: number): Promise<void> {
    const { count, resetMs } = await this.hot.countAttempt(bucket, WINDOW_MS);
    if (count > limit) {
      throw authErrors.rateLimited(Math.max(1, Math.ceil(resetMs / 1000)));
    }
  }
}
