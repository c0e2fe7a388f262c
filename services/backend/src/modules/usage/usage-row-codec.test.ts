import { isAppError } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import type { UsageRow } from './usage-row.js';
import {
  decodeUsageRow,
  encodeUsageRow,
  fromClickHouseTime,
  toClickHouseTime,
  USAGE_COLUMNS,
  type StoredUsageRecord,
} from './usage-row-codec.js';
import { usageRow } from '#test-support/clickhouse-test-support.js';

function problemOf(row: UsageRow): unknown {
  try {
    encodeUsageRow(row);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('encodeUsageRow', () => {
  it('lists every UsageRow field once, in USAGE_COLUMNS order', () => {
    const row = usageRow({ period_end: new Date('2025-05-13T00:00:00.000Z'), request_count: 7 });
    expect([...USAGE_COLUMNS].sort()).toEqual(Object.keys(row).sort());
    const expected = USAGE_COLUMNS.map((column) => {
      const value = row[column];
      return value instanceof Date ? toClickHouseTime(value) : value;
    });
    expect(JSON.parse(encodeUsageRow(row))).toEqual(expected);
  });

  it('replaces broken UTF-16 surrogates, which ClickHouse would refuse with the whole batch', () => {
    const row = usageRow({ prompt: 'a\ud800b', tags: ['\udc00'], metadata: { 'k\ud83d': 'v' } });
    const decoded = JSON.parse(encodeUsageRow(row)) as unknown[];
    expect(decoded[USAGE_COLUMNS.indexOf('prompt')]).toBe('a\ufffdb');
    expect(decoded[USAGE_COLUMNS.indexOf('tags')]).toEqual(['\ufffd']);
    expect(decoded[USAGE_COLUMNS.indexOf('metadata')]).toEqual({ 'k\ufffd': 'v' });
    // A well-formed pair and a literal backslash-u in the text stay as they are.
    const intact = usageRow({ prompt: '😀 \\ud800' });
    expect((JSON.parse(encodeUsageRow(intact)) as unknown[])[USAGE_COLUMNS.indexOf('prompt')]).toBe(
      '😀 \\ud800',
    );
  });

  it.each([
    ['timestamp', { timestamp: new Date(Number.NaN) }],
    ['timestamp', { timestamp: new Date('1899-12-31T23:59:59.999Z') }],
    ['ingested_at', { ingested_at: new Date('2300-01-01T00:00:00.000Z') }],
    ['input_tokens', { input_tokens: -1 }],
    ['output_tokens', { output_tokens: 1.5 }],
    ['prefix_block_tokens', { prefix_block_tokens: Number.NaN }],
    ['max_tokens', { max_tokens: 2 ** 60 }],
    ['cost_usd', { cost_usd: Number.POSITIVE_INFINITY }],
    ['latency_ms', { latency_ms: Number.NaN }],
    ['period_end', { period_end: new Date('2300-01-01T00:00:00.000Z') }],
    ['request_count', { request_count: 0 }],
    ['request_count', { request_count: 2 ** 32 }],
    ['web_search_requests', { web_search_requests: -1 }],
    ['cache_write_1h_tokens', { cache_write_1h_tokens: 0.5 }],
  ] as const)('refuses a row ClickHouse could not store as given (%s)', (field, overrides) => {
    const error = problemOf(usageRow(overrides));
    expect(isAppError(error) && [error.status, error.code, error.details?.field]).toEqual([
      400,
      'unstorable_usage_row',
      field,
    ]);
  });

  it('accepts the edges of the storable time range', () => {
    expect(problemOf(usageRow({ timestamp: new Date('1900-01-01T00:00:00.000Z') }))).toBeUndefined();
    expect(problemOf(usageRow({ timestamp: new Date('2299-12-31T23:59:59.999Z') }))).toBeUndefined();
  });
});

describe('ClickHouse times', () => {
  it('round-trip with millisecond precision in UTC', () => {
    const date = new Date('2025-05-12T09:30:00.045Z');
    expect(toClickHouseTime(date)).toBe('2025-05-12 09:30:00.045');
    expect(fromClickHouseTime('2025-05-12 09:30:00.045')).toEqual(date);
  });

  it('decode a stored record back into the row', () => {
    const row = usageRow();
    const record: StoredUsageRecord = {
      ...row,
      timestamp: toClickHouseTime(row.timestamp),
      ingested_at: toClickHouseTime(row.ingested_at),
      period_end: null,
    };
    expect(decodeUsageRow(record)).toEqual(row);
  });

  it('decode an aggregated record with its bucket end', () => {
    const row = usageRow({ request_count: 53, period_end: new Date('2025-05-13T00:00:00.000Z') });
    const record: StoredUsageRecord = {
      ...row,
      timestamp: toClickHouseTime(row.timestamp),
      ingested_at: toClickHouseTime(row.ingested_at),
      period_end: '2025-05-13 00:00:00.000',
    };
    expect(decodeUsageRow(record)).toEqual(row);
  });
});
