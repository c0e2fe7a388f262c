import type { RequestRateLimiter } from '#platform/http/rate-limiter.js';

/**
 * Per API key request budget for ingestion, shared by every backend instance.
 * (Backpressure when ClickHouse falls behind is the writer's: it refuses rows beyond its cap.)
 */
export class IngestionLimiter {
  constructor(
    private readonly limiter: RequestRateLimiter,
    private readonly requestsPerMinute: number,
  ) {}

  /** Counts a request of this key; 429 `rate_limited` with Retry-After once the minute's budget is spent. */
  admit(keyId: string): Promise<void> {
    return this.limiter.admit(`ingest:key:${keyId}`, this.requestsPerMinute, 'ingestion requests per key');
  }
}
