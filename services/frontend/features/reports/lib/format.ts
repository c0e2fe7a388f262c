/**
 * How the reports screens write figures: money in US dollars with two decimals, shares as
 * percentages, dates in the reader's locale. Raw values stay in `data-value` attributes, so a
 * browser test compares the API's number with what the screen shows.
 * @module
 */

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234.5` → `$1,234.50`; negative amounts keep their sign (`-$3.10`). */
export function formatUsd(value: number): string {
  // -0 and tiny negative residues would print as "-$0.00".
  const rounded = Math.round(value * 100) / 100;
  return usd.format(rounded === 0 ? 0 : rounded);
}

/** A percentage already on the 0–100 scale: `12.345` → `12.3%`. */
export function formatPct(value: number, digits = 1): string {
  return `${value.toFixed(digits)}%`;
}

/** A share on the 0–1 scale: `0.629` → `62.9%`. */
export function formatShare(value: number, digits = 1): string {
  return formatPct(value * 100, digits);
}

/** A count with thousands separators: `12345` → `12,345`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** `2026-12-04T16:41:33Z` → `Dec 4, 2026` (UTC, so every reader sees the same day). */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** `2026-12-04T16:41:33Z` → `Dec 4, 2026, 16:41 UTC`. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${formatDay(iso)}, ${time} UTC`;
}

/** `model_rightsizing` → `Model rightsizing`. */
export function humanize(identifier: string): string {
  const words = identifier.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Payback in days, or a dash when the report has none. */
export function formatDays(days: number | null): string {
  if (days === null) {
    return '—';
  }
  return `${formatCount(Math.ceil(days))} ${Math.ceil(days) === 1 ? 'day' : 'days'}`;
}

/** ROI as a multiple (`5.2` → `5.20×`; 0.05 stays visible), or a dash. */
export function formatRoi(roi: number | null): string {
  return roi === null ? '—' : `${roi.toFixed(2)}×`;
}
