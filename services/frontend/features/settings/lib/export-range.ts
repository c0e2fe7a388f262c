/**
 * The usage export's window and file: `GET …/usage/export?from&to&format` takes dates (midnight UTC;
 * `to` exclusive). The form shows an inclusive last day, as people read ranges, and sends the day
 * after it.
 * @module
 */

export const EXPORT_FORMATS = ['csv', 'focus'] as const;
export type UsageExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<UsageExportFormat, string> = {
  csv: 'CSV (one row per stored event)',
  focus: 'FOCUS (FinOps cost and usage rows)',
};

export interface ExportRange {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  through: string;
}

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last `days` days up to and including today (UTC). */
export function lastDays(days: number, now: Date = new Date()): ExportRange {
  return { from: isoDay(new Date(now.getTime() - (days - 1) * DAY_MS)), through: isoDay(now) };
}

/** The query of the export call, or the reason the range cannot be sent. */
export function exportQuery(
  range: ExportRange,
  format: UsageExportFormat,
):
  | { query: { from: string; to: string; format: UsageExportFormat } }
  | { error: { field: string; message: string } } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from)) {
    return { error: { field: 'from', message: 'Pick the first day' } };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.through)) {
    return { error: { field: 'to', message: 'Pick the last day' } };
  }
  if (range.through < range.from) {
    return { error: { field: 'to', message: 'The last day must not be before the first day' } };
  }
  const to = isoDay(new Date(Date.parse(`${range.through}T00:00:00Z`) + DAY_MS));
  return { query: { from: range.from, to, format } };
}

/** The file name the download is saved as: `netra-usage-<org>-<from>-to-<through>.<format>.csv`. */
export function exportFileName(orgSlug: string, range: ExportRange, format: UsageExportFormat): string {
  const kind = format === 'focus' ? 'focus' : 'events';
  return `netra-usage-${orgSlug}-${range.from}-to-${range.through}-${kind}.csv`;
}
