/**
 * `POST /api/v1/ingest/files` on small files: canonical JSONL, generic CSV with a column map,
 * auto-detection, gzip; the NDJSON answer and its line-numbered errors; re-imports; refusals.
 * @module
 */
import { gzipSync } from 'node:zlib';
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportTotals, LineError } from '@netra/shared/contracts';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;
const catalog = createPriceCatalog();

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

/** One NDJSON line of the answer (totals of the service's updates, or a final error line). */
type Update = ImportTotals & { type: 'progress' | 'done' | 'error'; errors?: LineError[] };

function upload(key: string, body: string | Buffer, query = '', headers: Record<string, string> = {}) {
  return backend.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/files${query}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream', ...headers },
    payload: body,
  });
}

/** Uploads a file and returns the NDJSON updates, checking the answer's shape on the way. */
async function importFile(key: string, body: string | Buffer, query = '', headers = {}): Promise<Update[]> {
  const response = await upload(key, body, query, headers);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('application/x-ndjson');
  const updates = response.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Update);
  expect(
    updates
      .map((update) => update.type)
      .slice(0, -1)
      .every((type) => type === 'progress'),
  ).toBe(true);
  expect(updates.at(-1)?.type).toBe('done');
  return updates;
}

const done = async (key: string, body: string | Buffer, query = '', headers = {}) =>
  (await importFile(key, body, query, headers)).at(-1)!;

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

const CANONICAL = [
  {
    event_id: 'file-1',
    timestamp: '2025-06-06T08:00:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    input_tokens: 1500,
    output_tokens: 200,
    cache_read_tokens: 1024,
    feature: 'search',
  },
  { timestamp: 1749196805000, model: 'claude-sonnet-4-20250514', input_tokens: 900, output_tokens: 60 },
  {
    timestamp: '2025-06-06 08:00:09',
    model: 'gpt-4o-mini',
    input_tokens: 300,
    output_tokens: 12,
    batch: true,
  },
];

function cost(model: string, timestamp: string | number, tokens: [number, number, number?], batch = false) {
  const [input, output, cacheRead = 0] = tokens;
  const usage = { input_tokens: input, output_tokens: output, cache_read_tokens: cacheRead };
  return catalog.price({
    model,
    batch,
    timestamp: new Date(timestamp),
    usage: { ...usage, cache_write_tokens: 0, reasoning_tokens: 0 },
  }).costUsd!;
}

const CANONICAL_COST =
  cost('gpt-4o', '2025-06-06T08:00:00Z', [1500, 200, 1024]) +
  cost('claude-sonnet-4-20250514', 1749196805000, [900, 60]) +
  cost('gpt-4o-mini', '2025-06-06T08:00:09Z', [300, 12], true);

describe('canonical JSONL', () => {
  it('stores and prices every event, and a second import of the same file adds nothing', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'jsonl');
    const first = await done(key, jsonl(CANONICAL), '?format=canonical');
    expect(first).toMatchObject({ format: 'canonical', rows: 3, accepted: 3, stored: 3, rejected: 0 });
    expect(first).toMatchObject({ unpriced: 0, errors: [] });
    const rows = await backend.backend.usage.listEvents(orgId);
    expect(rows.map((row) => [row.model, row.source])).toEqual([
      ['gpt-4o', 'file:canonical'],
      ['claude-sonnet-4-20250514', 'file:canonical'],
      ['gpt-4o-mini', 'file:canonical'],
    ]);
    expect(rows[0]).toMatchObject({ event_id: 'file-1', cache_read_tokens: 1024, feature: 'search' });
    expect(rows[2]).toMatchObject({ batch: true, timestamp: new Date('2025-06-06T08:00:09Z') });
    const summary = await backend.backend.usage.costSummary(orgId, {});
    expect(summary.total_cost_usd).toBeCloseTo(CANONICAL_COST, 9);

    const again = await done(key, jsonl(CANONICAL), '?format=canonical');
    expect(again).toMatchObject({ accepted: 3, stored: 0, duplicates: 3 });
    expect(await backend.backend.usage.costSummary(orgId, {})).toEqual(summary);
  });

  /** A JSONL file whose lines 3 to 6 are broken, each in its own way; lines 1 and 7 are good. */
  const BROKEN_LINES = [
    JSON.stringify(CANONICAL[0]),
    '',
    '{"timestamp": "2025-06-06T08:01:00Z", "model": "gpt-4o",',
    JSON.stringify({ timestamp: '2025-06-06T08:02:00Z', input_tokens: 5 }),
    JSON.stringify({ timestamp: '2025-06-06T08:03:00Z', model: 'gpt-4o', input_tokens: -5 }),
    JSON.stringify({
      timestamp: '2025-06-06T08:04:00Z',
      model: 'gpt-4o',
      input_tokens: 2,
      cache_read_tokens: 9,
    }),
    JSON.stringify(CANONICAL[1]),
  ];

  it('reports malformed lines with their line numbers and keeps the good ones', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'jsonl-bad');
    const result = await done(key, BROKEN_LINES.join('\n'), '?format=canonical');
    expect(result).toMatchObject({ accepted: 2, stored: 2, rejected: 4 });
    expect(result.errors?.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 3, field: 'line' },
      { line: 4, field: 'model' },
      { line: 5, field: 'input_tokens' },
      { line: 6, field: 'cache_read_tokens' },
    ]);
    expect(result.errors?.every((error) => error.reason.length > 0)).toBe(true);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(2);
  });
});

describe('generic CSV with a column map', () => {
  const CSV = [
    'when,llm,in,out,cached,team,region',
    '2025-06-06 09:00:00,gpt-4o,1200,300,1024,search,eu',
    '2025-06-06 09:00:05,,900,120,0,ops,us',
    '2025-06-06 09:00:09,gpt-4o,-4,10,0,search,eu',
    '"2025-06-06 09:00:12",claude-sonnet-4-20250514,400,50,,"ops, ""night""",us',
  ].join('\n');
  const MAP =
    'map=when=timestamp,llm=model,in=input_tokens,out=output_tokens,cached=cache_read_tokens,team=feature,region=metadata.region';

  it('renames columns by the map, stores the good rows and names the bad rows’ lines', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'csv');
    const result = await done(key, CSV, `?format=csv&${MAP}`);
    expect(result).toMatchObject({
      format: 'csv',
      rows: 4,
      accepted: 2,
      stored: 2,
      rejected: 2,
      unpriced: 0,
    });
    expect(result.errors?.map(({ line, field }) => `${line}:${field}`)).toEqual(['3:model', '4:in']);
    const rows = await backend.backend.usage.listEvents(orgId);
    expect(rows[0]).toMatchObject({ model: 'gpt-4o', input_tokens: 1200, cache_read_tokens: 1024 });
    expect(rows[0]).toMatchObject({ feature: 'search', metadata: { region: 'eu' }, source: 'file:csv' });
    expect(rows[1]).toMatchObject({ model: 'claude-sonnet-4-20250514', feature: 'ops, "night"' });
    const expected =
      cost('gpt-4o', '2025-06-06T09:00:00Z', [1200, 300, 1024]) +
      cost('claude-sonnet-4-20250514', '2025-06-06T09:00:12Z', [400, 50]);
    expect((await backend.backend.usage.costSummary(orgId, {})).total_cost_usd).toBeCloseTo(expected, 9);
  });
});

describe('format detection and encodings', () => {
  it('detects canonical JSONL and a CSV with canonical columns without being told', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'auto');
    const jsonlResult = await done(key, jsonl(CANONICAL));
    expect(jsonlResult).toMatchObject({ format: 'canonical', stored: 3 });
    const csv = 'timestamp,model,input_tokens,output_tokens\n2025-06-06T10:00:00Z,gpt-4o,100,10\n';
    const csvResult = await done(key, csv, '', { 'content-type': 'text/csv' });
    expect(csvResult).toMatchObject({ format: 'csv', stored: 1, rejected: 0 });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(4);
  });

  it('accepts a gzip upload', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'gzip-file');
    const result = await done(key, gzipSync(jsonl(CANONICAL)), '', { 'content-encoding': 'gzip' });
    expect(result).toMatchObject({ format: 'canonical', stored: 3, rejected: 0 });
    expect((await backend.backend.usage.costSummary(orgId, {})).total_cost_usd).toBeCloseTo(
      CANONICAL_COST,
      9,
    );
  });

  it('accepts a gzip upload sent without a content type, as fetch and curl send a file', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'gzip-bare');
    const response = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/files',
      headers: { authorization: `Bearer ${key}`, 'content-encoding': 'gzip' },
      payload: gzipSync(jsonl(CANONICAL)),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body.trim().split('\n').at(-1)!)).toMatchObject({ type: 'done', stored: 3 });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(3);
  });

  it('answers 400 for a corrupt or truncated gzip upload, and a final error line when it breaks mid-file', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'gzip-broken');
    const headers = { 'content-encoding': 'gzip' };
    for (const body of [Buffer.from(jsonl(CANONICAL)), gzipSync(jsonl(CANONICAL)).subarray(0, 20)]) {
      const response = await upload(key, body, '', headers);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
    // Past the first batch the answer has begun: the break is its last line, after what was stored.
    const lines = Array.from({ length: 12_000 }, (_unused, index) => ({
      ...CANONICAL[1],
      input_tokens: index,
    }));
    const long = gzipSync(jsonl(lines));
    const response = await upload(key, long.subarray(0, long.length - 64), '', headers);
    expect(response.statusCode).toBe(200);
    const updates = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Update);
    expect(updates.at(-2)).toMatchObject({ type: 'progress', stored: 10_000 });
    expect(updates.at(-1)).toMatchObject({ type: 'error', code: 'bad_request' });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(10_000);
  });

  it('treats a request without a body as an empty file', async () => {
    const { key } = await newTestOrganization(backend, 'no-body');
    const response = await backend.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/files',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ type: 'done', rows: 0, stored: 0 });
  });

  it('answers 400 ingestion_format_undetected as a plain error when the format cannot be told', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'undetected');
    const response = await upload(key, 'a,b,c\n1,2,3\n');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toMatchObject({ error: { code: 'ingestion_format_undetected' } });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });

  it('refuses an upload without a valid key, even one whose body nobody then reads', async () => {
    const response = await upload('nk_wrong', jsonl(CANONICAL));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    // The refused body still fails to decompress, unread: that must not become an uncaught exception.
    const corrupt = await upload('nk_wrong', jsonl(CANONICAL), '', { 'content-encoding': 'gzip' });
    expect(corrupt.statusCode).toBe(401);
  });
});
