/**
 * A run report as a file: its Markdown, its JSON (the RunReport as the API answers it) or a
 * print-ready HTML page, with a file name that needs no quoting (`netra-report-<day>-<id>.<ext>`).
 * @module
 */
import type { RunReport } from '@netra/shared/contracts';
import { renderRunReportHtml } from './report-html.js';

export const REPORT_EXPORT_FORMATS = ['md', 'json', 'html'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

export interface ReportFile {
  contentType: string;
  filename: string;
  body: string;
}

const CONTENT_TYPES: Record<ReportExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

function bodyOf(report: RunReport, format: ReportExportFormat): string {
  switch (format) {
    case 'md':
      return report.markdown;
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'html':
      return renderRunReportHtml(report);
  }
}

export function exportReport(report: RunReport, format: ReportExportFormat): ReportFile {
  const day = report.created_at.slice(0, 10);
  return {
    contentType: CONTENT_TYPES[format],
    filename: `netra-report-${day}-${report.id.slice(0, 8)}.${format}`,
    body: bodyOf(report, format),
  };
}
