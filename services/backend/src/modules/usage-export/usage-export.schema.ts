/**
 * Wire shape of `GET /orgs/{org_id}/usage/export`: the window (a date or an ISO-8601 date-time with
 * zone; both ends required, `from` before `to`) and the format. There is no cap on the window's
 * length: the export streams a bounded page at a time, so a year costs time, not memory.
 * @module
 */
import { z } from 'zod';

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO-8601 date-time with zone. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((value) => {
  return new Date(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
});

export const EXPORT_FORMATS = ['csv', 'focus'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const usageExportQuerySchema = z
  .object({
    from: instant.describe('Start of the window, inclusive'),
    to: instant.describe('End of the window, exclusive'),
    format: z
      .enum(EXPORT_FORMATS)
      .default('csv')
      .describe(
        '`csv`: the stored events; `focus`: FinOps FOCUS rows per day × model × feature × token kind',
      ),
  })
  .refine((query) => query.from < query.to, { message: '`from` must be before `to`', path: ['from'] });

export type UsageExportQuery = z.output<typeof usageExportQuerySchema>;

/** The CSV body, as documented in /openapi.json. */
export const usageExportBodySchema = z.string().describe('text/csv, streamed');
