import { AppError } from '@netra/shared';
import { admitInFixedWindow, type HotStore } from '@netra/shared/redis';

const WINDOW_MS = 60_000;

/** Per-caller request budgets in one-minute windows, shared by every backend instance through Redis. */
export class RequestRateLimiter {
  constructor(private readonly redis: HotStore) {}

  /** Counts one request of `bucket`; 429 `rate_limited` with Retry-After once `perMinute` is spent. */
  async admit(bucket: string, perMinute: number, what: string): Promise<void> {
    const admission = await admitInFixedWindow(this.redis, bucket, WINDOW_MS, perMinute);
    if (admission.admitted) {
      return;
    }
    throw new AppError(429, 'rate_limited', `At most ${perMinute} ${what} per minute`, {
      details: { retry_after_s: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)) },
    });
  }
}
