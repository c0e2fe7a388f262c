/**
 * Report exports as files: the formats the export route takes, and the file name the server gives
 * in `Content-Disposition` (with a fallback when a proxy drops the header).
 * @module
 */

export const EXPORT_FORMATS = ['md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The report a file is named after. */
export interface ExportedReport {
  id: string;
  created_at: string;
}

/**
 * `attachment; filename="netra-report-2026-12-04-01a241f7.md"` → the file name. The backend does not
 * expose the header to scripts of another origin (CORS), so the fallback builds the same name the
 * server would: `netra-report-<day>-<first 8 of the id>.<format>`.
 */
export function fileNameOf(disposition: string | null, report: ExportedReport, format: ExportFormat): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  const name = match?.[1]?.trim();
  if (name !== undefined && name !== '' && !name.includes('/') && !name.includes('\\')) {
    return decodeURIComponent(name);
  }
  return `netra-report-${report.created_at.slice(0, 10)}-${report.id.slice(0, 8)}.${format}`;
}
