/**
 * Test helpers for the usage store: realistic rows and fresh organizations. Organizations are
 * random per test, so tests sharing a server database never see each other's data.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { UsageRow } from '#modules/usage/usage-row.js';

let sequence = 0;

/** A new organization id nobody else uses. */
export function newTestOrgId(): string {
  return `org_test_${randomUUID()}`;
}

/** Typical values in every field (the varying ones are set per row). */
const POPULATED: Omit<UsageRow, 'event_id' | 'timestamp' | 'input_tokens'> = {
  org_id: 'org_test_default',
  ingested_at: new Date(Date.UTC(2025, 4, 12, 9, 30, 5, 250)),
  source: 'rest',
  provider: 'openai',
  model: 'gpt-4o-mini',
  operation: 'chat',
  output_tokens: 320,
  cache_read_tokens: 1_024,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
  latency_ms: 812.25,
  ttft_ms: 131.5,
  status: 'success',
  error_type: '',
  reported_cost_usd: 0.000462,
  cost_usd: 0.00046215,
  priced_provider: 'openai',
  priced_model: 'gpt-4o-mini-2024-07-18',
  batch: false,
  stream: true,
  max_tokens: 1_024,
  temperature: 0.7,
  prompt_hash: 'ph_5f1d2c',
  prefix_hashes: ['b0_91ac', 'b1_22f0'],
  prefix_block_tokens: 512,
  prompt: 'Summarize the ticket below.',
  user_id: 'user_42',
  session_id: 'sess_7',
  feature: 'support-summary',
  app: 'helpdesk',
  environment: 'production',
  tags: ['beta', 'eu'],
  metadata: { team: 'support', region: 'eu-west-1' },
  request_count: 1,
  period_end: null,
  cache_write_1h_tokens: 0,
  web_search_requests: 0,
  cost_source: 'catalog',
};

/** A fully populated row with a unique event id; override what matters. */
export function usageRow(overrides: Partial<UsageRow> = {}): UsageRow {
  sequence += 1;
  return {
    ...POPULATED,
    event_id: `evt_${randomUUID()}`,
    timestamp: new Date(Date.UTC(2025, 4, 12, 9, 30, 0, sequence % 1000)),
    input_tokens: 1_800 + sequence,
    ...overrides,
  };
}

/** `count` rows for one organization, a millisecond apart from `start`. */
export function usageRows(orgId: string, count: number, start = Date.UTC(2025, 4, 12, 10)): UsageRow[] {
  return Array.from({ length: count }, (_, index) =>
    usageRow({ org_id: orgId, timestamp: new Date(start + index) }),
  );
}

/** Batch `batch` of a deterministic stream (ids `b<batch>_<index>`): the same rows in every process. */
export function streamBatch(orgId: string, batch: number, size: number): UsageRow[] {
  return Array.from({ length: size }, (_, index) =>
    usageRow({
      org_id: orgId,
      event_id: `b${batch}_${index}`,
      timestamp: new Date(Date.UTC(2025, 6, 1) + batch * size + index),
      ingested_at: new Date(Date.UTC(2025, 6, 2)),
      input_tokens: 1_000 + index,
      cost_usd: 0.001,
    }),
  );
}
