/**
 * Cuts a scope's time line into slices of about the same number of requests, so that the flags
 * table is computed one slice at a time (request-flags-sql flags a slice exactly as the whole
 * scope). The windows, sorts and the join of one statement grow with the requests it flags: in
 * slices, memory stays that of one slice however long the scope, and the work grows linearly.
 * The cuts are approximate quantiles of the timestamps: where they fall changes no flag, only
 * how the work is split.
 * @module
 */
import type { ClickHouseStore } from '#platform/stores/clickhouse.js';
import { scopedFrom, type UsageScope } from '#modules/usage/usage-scope.js';
import type { TimeSlice } from './request-flags-sql.js';

/** Requests flagged per statement (measured: one statement of 1M requests peaks near 0.9 GB in all). */
export const FLAG_SLICE_REQUESTS = 1_000_000;

/** The slices of `scope`, in time order: one open slice when it holds at most `sliceRequests`. */
export async function flagSlices(
  store: ClickHouseStore,
  events: string,
  scope: UsageScope,
  sliceRequests: number = FLAG_SLICE_REQUESTS,
): Promise<TimeSlice[]> {
  const from = scopedFrom(events, scope);
  const [counted] = await store.queryRows<{ requests: number | string }>(
    `SELECT count() AS requests ${from.sql}`,
    from.params,
  );
  const slices = Math.ceil(Number(counted?.requests ?? 0) / sliceRequests);
  if (slices <= 1) {
    return [{}];
  }
  const levels = Array.from({ length: slices - 1 }, (_, index) => (index + 1) / slices);
  const [answer] = await store.queryRows<{ cuts: (number | string)[] }>(
    // Deterministic: the same usage is always cut the same way.
    `SELECT quantilesDeterministic(${levels.join(', ')})(toUnixTimestamp64Milli(timestamp), cityHash64(event_id)) AS cuts ${from.sql}`,
    from.params,
  );
  const cuts = [...new Set((answer?.cuts ?? []).map((cut) => Math.round(Number(cut))))].sort((a, b) => a - b);
  return [undefined, ...cuts].map((fromMs, index) => ({ fromMs, toMs: cuts[index] }));
}
