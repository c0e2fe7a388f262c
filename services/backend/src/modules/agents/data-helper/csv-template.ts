/**
 * The CSV template: a header of canonical §4.1 field names, which the generic CSV reader
 * (`ingestion/formats/generic-format.ts`) takes as they are, and one example row. The example uses
 * the model and feature the user named when there are some, so it reads as their own data.
 * `prefix_hashes` is a list: `;`-separated in a cell.
 * @module
 */
import type { TriageResult } from '#modules/agents/workflow-state.js';

export const CSV_FIELDS = [
  'timestamp',
  'provider',
  'model',
  'operation',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'latency_ms',
  'ttft_ms',
  'status',
  'error_type',
  'feature',
  'user_id',
  'session_id',
  'environment',
  'prompt_hash',
  'prefix_hashes',
  'event_id',
] as const;

type Field = (typeof CSV_FIELDS)[number];

const EXAMPLE: Record<Field, string> = {
  timestamp: '2026-01-15T09:30:00Z',
  provider: 'openai',
  model: 'gpt-4o-mini',
  operation: 'chat',
  input_tokens: '1850',
  output_tokens: '320',
  cache_read_tokens: '1024',
  cache_write_tokens: '0',
  reasoning_tokens: '0',
  latency_ms: '840',
  ttft_ms: '210',
  status: 'success',
  error_type: '',
  feature: 'support-chat',
  user_id: 'user-42',
  session_id: 'session-7',
  environment: 'production',
  prompt_hash: '9f2c1ab04d',
  prefix_hashes: '3f9a01;3f9a01b7',
  event_id: 'req-000001',
};

/** A cell quoted when it holds a delimiter, a quote or a line break. */
function cell(value: string): string {
  return /[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The header line and one example row, tailored to the first model and feature the user named. */
export function csvTemplate(triage: TriageResult | undefined): string {
  const model = triage?.entities.models.find((entry) => entry.provider !== null);
  const example: Record<Field, string> = {
    ...EXAMPLE,
    ...(model === undefined ? {} : { model: model.model, provider: model.provider ?? EXAMPLE.provider }),
    ...(triage?.entities.features[0] === undefined ? {} : { feature: triage.entities.features[0] }),
  };
  return `${CSV_FIELDS.join(',')}\n${CSV_FIELDS.map((field) => cell(example[field])).join(',')}\n`;
}
