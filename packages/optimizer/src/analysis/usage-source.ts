/**
 * The port through which the engine reads usage. The engine says what it needs — the totals and
 * field coverage of a scope, the figures of each feature × provider × model segment, the spend by
 * model and by feature, and every request with its §4.2 flags — and the owner of the usage store
 * answers. The backend's usage module implements it over ClickHouse (for the service and for
 * `netra analyze`), so all SQL on the usage table lives there; the engine sees no SQL and no
 * database client.
 * @module
 */
import type { AnalyzedRequest } from './analyzed-request.js';
import type { Measurement, MeasureRequest } from './measurement.js';
import type {
  CostSummary,
  SegmentFigures,
  SegmentFlags,
  SegmentKey,
  UsageTotals,
} from './usage-aggregates.js';

/** Which usage an analysis looks at: one organization, over the half-open window `[from, to)`. */
export interface AnalysisScope {
  orgId: string;
  /** Inclusive; undefined means from the first stored event. */
  from?: Date | undefined;
  /** Exclusive; undefined means up to and including the last stored event. */
  to?: Date | undefined;
}

/** The rules of ARCHITECTURE §4.2 that have a tunable number. */
export interface AnalysisSettings {
  /** Response-cache TTL: a repeat within it would be served from the cache (default 24 h). */
  responseCacheTtlMs: number;
  /** Provider prompt-cache TTL, refreshed on use (default 5 min). */
  promptCacheTtlMs: number;
  /** Prompt caching only counts from this many cacheable tokens (default 1,024). */
  minCacheableTokens: number;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  responseCacheTtlMs: 24 * 3_600_000,
  promptCacheTtlMs: 5 * 60_000,
  minCacheableTokens: 1_024,
};

/** What the engine reads; every answer covers exactly the scope's organization and window. */
export interface UsageSource {
  /** Requests, cost, period bounds and how many requests carry each §4.1 field. */
  totals(scope: AnalysisScope): Promise<UsageTotals>;
  /** Per segment, every figure that needs no per-request flag (one entry per segment, any order). */
  segmentFigures(scope: AnalysisScope): Promise<SegmentFigures[]>;
  /** Per segment, the sums of the per-request flags: repeats, retried errors, prefix reuse. */
  segmentFlags(scope: AnalysisScope, settings: AnalysisSettings): Promise<SegmentFlags[]>;
  /** The spend in total, by provider × model and by feature, each list largest first. */
  costSummary(scope: AnalysisScope): Promise<CostSummary>;
  /**
   * Every request, ordered by time (ties in a fixed order), in chunks, with the flags the segment
   * sums are made of. With `segments`, the source may leave out requests of other segments (the
   * engine passes over them). Abandoning the iteration early releases whatever the source holds for it.
   * A request is only valid until the next one is read: a source may hand the same object over
   * again with the next request's values (a million short-lived objects cost more than the pass).
   */
  analyzedRequests(
    scope: AnalysisScope,
    settings: AnalysisSettings,
    segments?: readonly SegmentKey[],
  ): AsyncIterable<Iterable<AnalyzedRequest>>;
  /**
   * Optional: a view of one scope and settings for the reads of one analysis, in which the source
   * may compute the per-request flags once and share them between `segmentFlags` and every
   * `analyzedRequests` pass (the reads must then use that scope and those settings). The engine
   * closes it when the analysis ends, however it ends.
   */
  openAnalysis?(scope: AnalysisScope, settings: AnalysisSettings): Promise<UsageAnalysis>;
  /**
   * Optional: one measuring pass where the requests are stored, with the figures the engine's own
   * pass (quantify's `measure`) gives, to 1e-9 relative. Undefined when the source cannot measure
   * these candidates (a change without a rule): the engine then re-prices request by request.
   */
  measure?(
    scope: AnalysisScope,
    settings: AnalysisSettings,
    request: MeasureRequest,
  ): Promise<Measurement | undefined>;
}

/** A source bound to one analysis; close() releases what it holds. */
export interface UsageAnalysis extends UsageSource {
  close(): Promise<void>;
}
