import type { HotStore } from '@netra/shared/redis';

/**
 * The backend's only module that uses the hot tier (Redis or in-process); keys are namespaced
 * `<ns>:backend:`. Grows with run state and event streams.
 */
export class BackendHotRepository {
  constructor(private readonly hot: HotStore) {}

  /** Counts one request of a fixed window; returns the count and the window's remaining time. */
  async countInWindow(bucket: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const key = `ratelimit:${bucket}`;
    const count = await this.hot.increment(key, windowMs);
    return { count, resetMs: (await this.hot.ttl(key)) ?? windowMs };
  }
}
