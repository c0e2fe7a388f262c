import { authErrors } from '#platform/http/errors.js';
import type { AuthContext } from '#context.js';

const WINDOW_MS = 60_000;

/**
 * Counts a provider login start from a client IP against RATE_LIMIT_PER_IP. Each start stores a
 * pending login for ten minutes, so unlimited starts would let one client fill the hot tier.
 * @throws AppError 429 `rate_limited`
 */
export async function checkLoginStartRate(ctx: AuthContext, ip: string | undefined): Promise<void> {
  const { count, resetMs } = await ctx.hot.countAttempt(`oauth_login:ip:${ip ?? 'unknown'}`, WINDOW_MS);
  if (count > ctx.config.values.RATE_LIMIT_PER_IP) {
    throw authErrors.rateLimited(Math.max(1, Math.ceil(resetMs / 1000)));
  }
}
