/**
 * Formatting for the data-sources screen: dates (UTC), byte sizes, counts and percentages.
 * @module
 */

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return count.format(value);
}

/** `4 Dec 2026` in UTC. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** A byte size in binary units with one decimal (`2.4 MB`). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Whole percent of `part` in `whole` (0 when the whole is 0), capped at 100. */
export function percentOf(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.min(100, Math.floor((part / whole) * 100));
}
