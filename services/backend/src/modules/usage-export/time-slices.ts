/**
 * Cuts an export window into consecutive time slices of about a page of events each, from the
 * events per hour. Reading a slice scans only its own rows; a keyset page over the whole window
 * would make ClickHouse order (and, with FINAL, merge) everything after the cursor for every page,
 * which grows with the square of the period.
 * @module
 */

const HOUR_MS = 3_600_000;

/** Events stored in one UTC hour (`hour` in ms since epoch). */
export interface HourCount {
  hour: number;
  events: number;
}

export interface TimeSlice {
  from: Date;
  to: Date;
}

/**
 * Consecutive slices covering the hours given (ordered, non-empty hours only), each holding at most
 * `pageSize` events unless one hour alone holds more; clipped to `[from, to)`.
 */
export function timeSlices(hours: readonly HourCount[], pageSize: number, from: Date, to: Date): TimeSlice[] {
  const spans: { start: number; end: number; events: number }[] = [];
  for (const hour of hours) {
    const open = spans.at(-1);
    if (open !== undefined && open.events + hour.events <= pageSize) {
      open.end = hour.hour + HOUR_MS;
      open.events += hour.events;
    } else {
      spans.push({ start: hour.hour, end: hour.hour + HOUR_MS, events: hour.events });
    }
  }
  return spans.map((span) => ({
    from: new Date(Math.max(span.start, from.getTime())),
    to: new Date(Math.min(span.end, to.getTime())),
  }));
}
