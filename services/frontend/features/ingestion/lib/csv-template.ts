/**
 * The CSV template for uploads, built in the browser from the canonical usage event of
 * `@netra/shared` (ARCHITECTURE §4.1): one column per canonical field, so the template can never
 * drift from what the backend reads, and two example rows (a success and a billed failure) dated
 * just before the download, so an upload of the template shows up in the dashboard's default range.
 * @module
 */
import { usageEventSchema } from '@netra/shared';

/** Every canonical field, in the contract's order. */
export const TEMPLATE_FIELDS: readonly string[] = Object.keys(usageEventSchema.shape);

export const TEMPLATE_FILE_NAME = 'netra-usage-template.csv';

const HOUR_MS = 3_600_000;

/** Example values by field; fields without one are left blank (optional, or defaulted by the backend). */
function exampleRows(now: number): Record<string, string>[] {
  return [
    {
      timestamp: new Date(now - 2 * HOUR_MS).toISOString(),
      provider: 'openai',
      model: 'gpt-4o-mini',
      operation: 'chat',
      input_tokens: '1200',
      output_tokens: '300',
      cache_read_tokens: '0',
      latency_ms: '850',
      status: 'success',
      user_id: 'user-123',
      feature: 'support-chat',
      environment: 'production',
      tags: 'team:support',
    },
    {
      timestamp: new Date(now - HOUR_MS).toISOString(),
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      operation: 'chat',
      input_tokens: '5400',
      output_tokens: '0',
      latency_ms: '30000',
      status: 'error',
      error_type: 'timeout',
      user_id: 'user-456',
      feature: 'report-writer',
      environment: 'production',
      tags: 'team:analytics',
    },
  ];
}

/** Quotes a cell when CSV needs it (comma, quote, line break). */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The template's text: the header and the example rows, CRLF-free. */
export function buildCsvTemplate(now: number): string {
  const lines = [TEMPLATE_FIELDS.join(',')];
  for (const row of exampleRows(now)) {
    lines.push(TEMPLATE_FIELDS.map((field) => csvCell(row[field] ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
