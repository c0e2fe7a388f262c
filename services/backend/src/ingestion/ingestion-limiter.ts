import { AppError } from '@netra/shared';
import type { BackendHotRepository } from '#stores/hot.repository.js';

const WINDOW_MS = 60_000;

/**
 * Per API key request budget for ingestion, in the hot tier so every backend instance shares it.
 * (Backpressure when ClickHouse falls behind is the writer's: it refuses rows beyond its cap.)
 */
export class IngestionLimiter {
  constructor(
    private readonly hot: BackendHotRepository,
    private readonly requestsPerMinute: number,
  ) {}

  /** Counts a request of this key; 429 `rate_limited` with Retry-After once the minute's budget is spent. */
  async admit(keyId: string): Promise<void> {
    const { count, resetMs } = await this.hot.countInWindow(`ingest:key:${keyId}`, WINDOW_MS);
    if (count > this.requestsPerMinute) {
      throw new AppError(
        429,
        'rate_limited',
        `At most ${this.requestsPerMinute} ingestion requests per minute per key`,
        {
          details: { retry_after_s: Math.max(1, Math.ceil(resetMs / 1000)) },
        },
      );
    }
  }
}
