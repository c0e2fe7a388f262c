/**
 * What an analytics query asks, once parsed, and the limits that keep any query bounded: a window of
 * at most MAX_WINDOW_DAYS, at most MAX_BUCKETS buckets, and at most `limit` (≤ 100) groups shown
 * apart, the rest summed into one `other` series — so an answer holds at most 1,000 × 101 points.
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Without `from`, a window is the 30 days before `to`. */
export const DEFAULT_WINDOW_MS = 30 * DAY_MS;
export const MAX_WINDOW_DAYS = 731;
export const MAX_BUCKETS = 1_000;
/** 1970-01-01 was a Thursday: Monday-based weeks start 3 days after an epoch multiple of 7 days. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

export type GroupBy =
  | { kind: 'model' | 'provider' | 'feature' | 'user_id' | 'environment' }
  | { kind: 'tag' | 'meta'; key: string };

/** Filters: each present field keeps events holding one of its values; fields combine with AND. */
export interface Filters {
  model?: string[] | undefined;
  provider?: string[] | undefined;
  feature?: string[] | undefined;
  user_id?: string[] | undefined;
  environment?: string[] | undefined;
  status?: ('success' | 'error')[] | undefined;
  /** Events carrying any of these tags. */
  tag?: string[] | undefined;
  /** Per metadata key, the values it may hold. */
  meta: Map<string, string[]>;
}

/** A window `[from, to)` on whole UTC hours with its filters. */
export interface AnalyticsWindow {
  from: Date;
  to: Date;
  filters: Filters;
}

export interface AnalyticsQuery extends AnalyticsWindow {
  bucket: AnalyticsBucket;
  groupBy?: GroupBy | undefined;
  limit: number;
}

/** The start (ms, UTC) of the bucket holding `time`; weeks start on Monday. */
export function bucketStart(bucket: AnalyticsBucket, time: number): number {
  if (bucket === 'hour') {
    return Math.floor(time / HOUR_MS) * HOUR_MS;
  }
  if (bucket === 'day') {
    return Math.floor(time / DAY_MS) * DAY_MS;
  }
  return Math.floor((time - MONDAY_OFFSET_MS) / (7 * DAY_MS)) * 7 * DAY_MS + MONDAY_OFFSET_MS;
}

function bucketLength(bucket: AnalyticsBucket): number {
  return bucket === 'hour' ? HOUR_MS : bucket === 'day' ? DAY_MS : 7 * DAY_MS;
}

/** Every bucket start of `[from, to)`, the first one at or before `from`. */
export function bucketStarts(bucket: AnalyticsBucket, from: Date, to: Date): number[] {
  const starts: number[] = [];
  for (let start = bucketStart(bucket, from.getTime()); start < to.getTime(); start += bucketLength(bucket)) {
    starts.push(start);
  }
  return starts;
}

/** How many buckets `[from, to)` spans, without listing them. */
export function bucketCount(bucket: AnalyticsBucket, from: Date, to: Date): number {
  if (from >= to) {
    return 0;
  }
  return Math.ceil((to.getTime() - bucketStart(bucket, from.getTime())) / bucketLength(bucket));
}
