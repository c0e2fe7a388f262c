/**
 * Number and time formatting of the dashboard, fixed to en-US numbers and UTC times so that the
 * figures read the same for everyone and match the API (whose buckets are UTC).
 * @module
 */
import type { AnalyticsBucket } from '@netra/shared/contracts';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdSmall = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 3,
});
const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Dollars with cents; amounts under a cent keep three significant digits instead of reading $0.00. */
export function formatUsd(value: number): string {
  if (value !== 0 && Math.abs(value) < 0.01) {
    return usdSmall.format(value);
  }
  return usd.format(value);
}

/** Short dollars for chart axes ($1.2K). */
export function formatUsdAxis(value: number): string {
  return Math.abs(value) < 1000 ? usd.format(value).replace(/\.00$/, '') : usdCompact.format(value);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Short counts for axes and tiles (1.2M). */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** A 0–1 share as a percentage with one decimal; an em dash when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** A signed percent change ("+12.5%", "−3.0%"); "no earlier data" when there is none. */
export function formatChangePct(pct: number | null): string {
  if (pct === null) {
    return 'no earlier data';
  }
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  const size = Math.abs(pct);
  // Past 100% a decimal adds nothing ("+31,870%" rather than "+31870.0%").
  return `${sign}${size >= 100 ? integer.format(size) : size.toFixed(1)}%`;
}

const DAY_FORMAT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC' };

/** A bucket start for an axis or a tooltip, in UTC. */
export function formatBucket(iso: string, bucket: AnalyticsBucket): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-GB', DAY_FORMAT);
  if (bucket === 'hour') {
    return `${day} ${date.toISOString().slice(11, 16)}`;
  }
  return bucket === 'week' ? `Week of ${day}` : day;
}

/** A date-time for lists (alerts), in UTC. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${date.toLocaleDateString('en-GB', { ...DAY_FORMAT, year: 'numeric' })} ${date
    .toISOString()
    .slice(11, 16)} UTC`;
}
