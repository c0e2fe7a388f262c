/**
 * Exponential backoff with a cap and "full jitter": waits grow as base·2^attempt up to `maxMs`, and
 * each wait is drawn from the upper half of that bound so that many tabs reconnecting after one
 * outage do not hit the service in step. Used by the development auto-login and the WebSocket.
 * @module
 */

/** How the waits grow. */
export interface BackoffPolicy {
  /** The first wait's upper bound. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/** The default for reconnecting and retrying: 0.5 s, 1 s, 2 s, … up to 15 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/** The upper bound of the wait before retry number `attempt` (0 for the first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/**
 * The wait before retry number `attempt`: between half the ceiling and the ceiling. `random`
 * returns a number in [0, 1) (tests pass a fixed one).
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
