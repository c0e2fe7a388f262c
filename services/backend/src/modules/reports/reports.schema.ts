import type { ReportListItem, RunReport } from '@netra/shared/contracts';
import { z } from 'zod';
import type { ReportRow } from './reports.tables.js';
import { REPORT_EXPORT_FORMATS } from './report-export.js';

export { pageQuerySchema, pageSchema, reportListItemSchema, runReportSchema } from '@netra/shared/contracts';
export type { ReportListItem } from '@netra/shared/contracts';

export const reportParamsSchema = z.object({ org_id: z.string(), id: z.uuid() });

export const reportListQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  thread_id: z.uuid().optional().describe('Only the reports of this thread'),
});

export const reportExportQuerySchema = z.object({
  format: z
    .enum(REPORT_EXPORT_FORMATS)
    .default('md')
    .describe('`md`: the report’s Markdown; `json`: the report; `html`: a print-ready page'),
});

/** The exported file, as documented in /openapi.json. */
export const reportFileSchema = z.string().describe('text/markdown, application/json or text/html');

export function presentReport(row: ReportRow): RunReport {
  return {
    id: row.id,
    org_id: row.orgId,
    run_id: row.runId,
    thread_id: row.threadId,
    created_at: row.createdAt.toISOString(),
    ...row.report,
  };
}

export function presentReportListItem(row: ReportRow): ReportListItem {
  return {
    id: row.id,
    org_id: row.orgId,
    run_id: row.runId,
    thread_id: row.threadId,
    created_at: row.createdAt.toISOString(),
    tier: row.tier,
    title: row.title,
    summary: row.report.summary,
  };
}
