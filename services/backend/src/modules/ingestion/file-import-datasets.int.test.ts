/**
 * Real traces through `POST /api/v1/ingest/files`: the Azure LLM inference trace (generic CSV with a
 * column map) and the Mooncake conversation trace (generic JSONL with relative timestamps and prefix
 * hashes) import completely, every record priced exactly as the catalog prices it, and a second
 * import of the same file adds nothing.
 * @module
 */
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportUpdate } from './file-import.service.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;
const catalog = createPriceCatalog();

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

const AZURE = 'azure-llm-2023/AzureLLMInferenceTrace_code.csv';
const MOONCAKE = 'mooncake/conversation_trace.jsonl';
const MOONCAKE_BASE = '2025-02-21T00:00:00.000Z';
const MOONCAKE_MODEL = 'claude-sonnet-4-20250514';

const datasetPath = (path: string) =>
  fileURLToPath(new URL(`../../../../../datasets/${path}`, import.meta.url));

/** One NDJSON line of the answer: the service's updates, or a final error line. */
type Update = ImportUpdate | { type: 'error'; code: string; message: string };

/** Streams a dataset file to the import endpoint and returns the NDJSON updates. */
async function importDataset(key: string, path: string, query: string): Promise<Update[]> {
  const response = await backend.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/files?${query}`,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
    payload: createReadStream(datasetPath(path)),
  });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  return response.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Update);
}

interface SourceRequest {
  timestamp: Date;
  input: number;
  output: number;
}

/** Netra's cost of the whole trace, request by request, straight from the catalog. */
function catalogTotal(requests: SourceRequest[], model: string): number {
  return requests.reduce((sum, request) => {
    const usage = { input_tokens: request.input, output_tokens: request.output };
    const priced = catalog.price({
      model,
      timestamp: request.timestamp,
      usage: { ...usage, cache_read_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0 },
    });
    expect(priced.costUsd, `${model} must be priced`).not.toBeNull();
    return sum + (priced.costUsd ?? 0);
  }, 0);
}

/** The Azure CSV read independently: `2023-11-16 18:17:03.9799600,4808,10` (UTC, 100 ns digits). */
function azureRequests(): SourceRequest[] {
  const [, ...lines] = readFileSync(datasetPath(AZURE), 'utf8').trim().split(/\r?\n/);
  return lines.map((line) => {
    const [time = '', input = '', output = ''] = line.split(',');
    const iso = `${time.replace(' ', 'T').slice(0, 23)}Z`;
    return { timestamp: new Date(iso), input: Number(input), output: Number(output) };
  });
}

interface MooncakeLine {
  timestamp: number;
  input_length: number;
  output_length: number;
  hash_ids: number[];
}

function mooncakeLines(): MooncakeLine[] {
  const text = readFileSync(datasetPath(MOONCAKE), 'utf8').trim();
  return text.split('\n').map((line) => JSON.parse(line) as MooncakeLine);
}

/** Asserts the import stored everything, priced, and that the store agrees with the catalog. */
async function expectCompleteImport(
  orgId: string,
  last: Update | undefined,
  count: number,
  expected: number,
) {
  expect(last).toMatchObject({ type: 'done', rows: count, accepted: count, stored: count, duplicates: 0 });
  expect(last).toMatchObject({ rejected: 0, unpriced: 0, errors: [] });
  expect(await backend.backend.usage.countEvents(orgId)).toBe(count);
  const summary = await backend.backend.usage.costSummary(orgId, {});
  expect(summary).toMatchObject({ requests: count, unpriced_requests: 0 });
  expect(summary.total_cost_usd).toBeGreaterThan(0);
  expect(Math.abs(summary.total_cost_usd - expected)).toBeLessThan(1e-6);
  return summary;
}

/** Imports the same file again: every record is found already stored and nothing changes. */
async function expectReimportAddsNothing(orgId: string, importAgain: () => Promise<Update[]>, count: number) {
  const before = await backend.backend.usage.costSummary(orgId, {});
  const last = (await importAgain()).at(-1);
  expect(last).toMatchObject({ type: 'done', accepted: count, stored: 0, duplicates: count, rejected: 0 });
  expect(await backend.backend.usage.countEvents(orgId)).toBe(count);
  expect(await backend.backend.usage.costSummary(orgId, {})).toEqual(before);
}

describe('Azure LLM inference trace (code), generic CSV', () => {
  const query =
    'format=csv&map=TIMESTAMP=timestamp,ContextTokens=input_tokens,GeneratedTokens=output_tokens&model=gpt-4o';

  it('imports all 8,819 requests, every one priced as the catalog prices it; re-importing adds nothing', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'azure');
    const requests = azureRequests();
    expect(requests).toHaveLength(8819);
    const updates = await importDataset(key, AZURE, query);
    expect(updates.at(-1)).toMatchObject({ type: 'done', format: 'csv' });
    await expectCompleteImport(orgId, updates.at(-1), 8819, catalogTotal(requests, 'gpt-4o'));

    const [first] = await backend.backend.usage.listEvents(orgId, { limit: 1 });
    expect(first).toMatchObject({ model: 'gpt-4o', provider: 'openai', priced_model: 'gpt-4o' });
    expect(first).toMatchObject({ input_tokens: 4808, output_tokens: 10, source: 'file:csv' });
    expect(first?.timestamp).toEqual(new Date('2023-11-16T18:17:03.979Z'));

    await expectReimportAddsNothing(orgId, () => importDataset(key, AZURE, query), 8819);
  });
});

describe('Mooncake conversation trace, generic JSONL', () => {
  const query =
    'format=canonical&map=input_length=input_tokens,output_length=output_tokens,hash_ids=prefix_hashes' +
    `&model=${MOONCAKE_MODEL}&timestamp_base=${MOONCAKE_BASE}`;
  const base = Date.parse(MOONCAKE_BASE);

  it('imports all 12,031 requests, every one priced as the catalog prices it; re-importing adds nothing', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'mooncake');
    const lines = mooncakeLines();
    expect(lines).toHaveLength(12031);
    const requests = lines.map((line) => ({
      timestamp: new Date(base + line.timestamp),
      input: line.input_length,
      output: line.output_length,
    }));
    const updates = await importDataset(key, MOONCAKE, query);
    // More rows than one ingestion batch: progress lines come before the summary.
    expect(updates.slice(0, -1).map((update) => update.type)).toContain('progress');
    await expectCompleteImport(orgId, updates.at(-1), 12031, catalogTotal(requests, MOONCAKE_MODEL));
    await expectReimportAddsNothing(orgId, () => importDataset(key, MOONCAKE, query), 12031);
  });

  it('keeps relative timestamps, numeric prefix hashes as text, and the exact duplicate request twice', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'mooncake-rows');
    await importDataset(key, MOONCAKE, query);
    // Several requests arrived at offset 0; the first line is the one with 6,758 input tokens.
    const atStart = await backend.backend.usage.listEvents(orgId, { to: new Date(base + 1) });
    expect(atStart.length).toBe(mooncakeLines().filter((line) => line.timestamp === 0).length);
    const first = atStart.find((row) => row.input_tokens === 6758);
    expect(first).toMatchObject({ timestamp: new Date(base), output_tokens: 500, provider: 'anthropic' });
    expect(first).toMatchObject({ model: MOONCAKE_MODEL, source: 'file:canonical' });
    expect(first?.prefix_hashes).toEqual(Array.from({ length: 14 }, (_unused, index) => String(index)));

    // Lines 7,728 and 7,733 are the same request, byte for byte: two requests, two events.
    const at = new Date(base + 2_369_999);
    const sameInstant = await backend.backend.usage.listEvents(orgId, {
      from: at,
      to: new Date(base + 2_370_000),
    });
    const twins = sameInstant.filter((row) => row.input_tokens === 901 && row.output_tokens === 17);
    expect(twins).toHaveLength(2);
    expect(twins.map((row) => row.prefix_hashes)).toEqual([
      ['0', '124577'],
      ['0', '124577'],
    ]);
    expect(new Set(twins.map((row) => row.event_id)).size).toBe(2);
  });
});
