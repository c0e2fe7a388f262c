/**
 * The data request of a partial or guidance report as Markdown: what to send, for how long, which
 * fields, from which sources step by step, where to send it and a CSV template.
 * @module
 */
import type { DataRequest } from '@netra/shared/contracts';
import { bullets, fenced, inline, table } from './markdown-text.js';

function sourcePart(source: DataRequest['sources'][number]): string {
  const steps = source.steps.map((step, index) => `${index + 1}. ${inline(step)}`).join('\n');
  const snippet = source.snippet === undefined ? [] : [fenced(source.snippet, source.language)];
  return [`### ${inline(source.title)}`, steps, ...snippet].join('\n\n');
}

function fieldsTable(request: DataRequest): string {
  const rows = request.fields.map((field) => [
    `\`${field.field.replaceAll('`', '')}\``,
    field.required ? 'yes' : 'no',
    inline(field.why),
  ]);
  return table(['Field', 'Required', 'Why'], rows);
}

function whereToSend({ ingestion }: DataRequest): string {
  return bullets([
    `Events (REST): ${inline(ingestion.events_url)}`,
    `Files (JSONL, CSV): ${inline(ingestion.files_url)}`,
    `OpenTelemetry traces: ${inline(ingestion.otlp_traces_url)}`,
  ]);
}

export function dataRequestSection(request: DataRequest | null): string {
  if (request === null) {
    return '';
  }
  return [
    '## Data request',
    inline(request.summary),
    `Period: at least ${request.period.days} days — ${inline(request.period.why)}`,
    fieldsTable(request),
    ...request.sources.map(sourcePart),
    '### Where to send it',
    whereToSend(request),
    '### CSV template',
    fenced(request.csv_template, 'csv'),
  ].join('\n\n');
}
