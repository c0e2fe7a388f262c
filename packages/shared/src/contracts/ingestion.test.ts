import { describe, expect, it } from 'vitest';
import { fileImportUpdateSchema, ingestEventsBodySchema, ingestResultSchema } from './ingestion.js';

const totals = {
  format: 'canonical',
  bytes: 2_048,
  rows: 10,
  accepted: 9,
  stored: 8,
  duplicates: 1,
  unpriced: 0,
  rejected: 1,
  skipped: {},
};

describe('events batch body', () => {
  it('accepts an events object or a bare array, leaving records to per-record validation', () => {
    expect(ingestEventsBodySchema.parse({ events: [{ model: 'gpt-4o' }, 42] })).toEqual({
      events: [{ model: 'gpt-4o' }, 42],
    });
    expect(ingestEventsBodySchema.parse([])).toEqual([]);
  });

  it.each([
    ['an object without events', { records: [] }],
    ['events that are not a list', { events: { model: 'gpt-4o' } }],
    ['a string', 'events'],
  ])('refuses %s', (_case, body) => {
    expect(ingestEventsBodySchema.safeParse(body).success).toBe(false);
  });
});

describe('ingest result', () => {
  it('accepts accepted and rejected records with their index, field and reason', () => {
    const result = {
      accepted: 1,
      stored: 1,
      duplicates: 0,
      unpriced: 0,
      rejected: [{ index: 1, field: 'timestamp', reason: 'must be ISO-8601 text or epoch milliseconds' }],
    };
    expect(ingestResultSchema.parse(result)).toEqual(result);
  });

  it('refuses negative counts and a rejection without its index', () => {
    const result = { accepted: -1, stored: 0, duplicates: 0, unpriced: 0, rejected: [] };
    expect(ingestResultSchema.safeParse(result).success).toBe(false);
    const rejected = [{ field: 'model', reason: 'required' }];
    expect(ingestResultSchema.safeParse({ ...result, accepted: 0, rejected }).success).toBe(false);
  });
});

describe('file import NDJSON updates', () => {
  it('accepts progress, done with line errors, and a late error line', () => {
    expect(fileImportUpdateSchema.parse({ type: 'progress', ...totals, format: undefined })).toMatchObject({
      type: 'progress',
      rows: 10,
    });
    const done = { type: 'done', ...totals, errors: [{ line: 3, field: 'model', reason: 'required' }] };
    expect(fileImportUpdateSchema.parse(done)).toEqual(done);
    const error = { type: 'error', code: 'internal_error', message: 'Internal server error' };
    expect(fileImportUpdateSchema.parse(error)).toEqual(error);
  });

  it.each([
    ['an unknown type', { type: 'paused', ...totals }],
    ['done without its errors', { type: 'done', ...totals }],
    ['progress with a fractional count', { type: 'progress', ...totals, rows: 1.5 }],
    ['an error without a message', { type: 'error', code: 'x' }],
  ])('refuses %s', (_case, update) => {
    expect(fileImportUpdateSchema.safeParse(update).success).toBe(false);
  });
});
