import type { HotStore } from './hot-store.js';

/** A request counted in a fixed window: how many so far, and how long until the window resets. */
export interface WindowCount {
  count: number;
  resetMs: number;
}

/**
 * Counts one more request of `bucket` in a fixed window kept in the hot tier (key `ratelimit:<bucket>`),
 * so every instance of a service shares one budget in server mode.
 */
export async function countInFixedWindow(
  hot: HotStore,
  bucket: string,
  windowMs: number,
): Promise<WindowCount> {
  const key = `ratelimit:${bucket}`;
  const count = await hot.increment(key, windowMs);
  const resetMs = (await hot.ttl(key)) ?? windowMs;
  return { count, resetMs };
}

/** One request against a budget: admitted, or refused until the window resets. */
export type WindowAdmission = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * Counts one more request of `bucket` against `limit` per fixed window, like `countInFixedWindow`,
 * in one round trip while the budget lasts: the window's remaining time is read only to tell a
 * refused caller when to retry.
 */
export async function admitInFixedWindow(
  hot: HotStore,
  bucket: string,
  windowMs: number,
  limit: number,
): Promise<WindowAdmission> {
  const key = `ratelimit:${bucket}`;
  const count = await hot.increment(key, windowMs);
  if (count <= limit) {
    return { admitted: true };
  }
  return { admitted: false, retryAfterMs: (await hot.ttl(key)) ?? windowMs };
}
