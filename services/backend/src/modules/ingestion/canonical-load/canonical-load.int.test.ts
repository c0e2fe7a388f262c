/**
 * The canonical fast load against the JavaScript import it stands in for, on the embedded
 * ClickHouse: for files it takes, every stored column of every row (the ingestion time apart) and
 * the totals equal what the JavaScript pipeline stores; a file with any line it does not take as
 * written (each spelling below) is left to that pipeline, with nothing stored.
 * @module
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPriceCatalog } from '@netra/optimizer';
import { tempDataDir } from '@netra/test-framework/stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouse, type ClickHouseStore } from '#platform/stores/clickhouse.js';
import { migrateClickHouse } from '#platform/stores/clickhouse-migrations.js';
import { ScratchDatabase } from '#modules/usage/analysis/scratch-database.js';
import { importFileIntoStore, LOCAL_ORG_ID } from '#cli/analyze-import.js';
import { parseAnalyzeArgs } from '#cli/analyze-args.js';
import { writeWorkloadFile } from '#test-support/analyze-workload.js';
import { CanonicalLoader, isCanonicalJsonLines } from './canonical-load.service.js';

const catalog = createPriceCatalog();
let store: ClickHouseStore;
let scratch: ScratchDatabase;
let dir: string;
let fileCount = 0;

beforeAll(async () => {
  // Embedded whatever CLICKHOUSE_URL says: the fast load reads files on this machine.
  store = await openClickHouse({ url: undefined, dataDir: tempDataDir('canonical-load'), database: 'netra' });
  await migrateClickHouse(store);
  scratch = new ScratchDatabase(store);
  await scratch.reset();
  dir = mkdtempSync(join(tmpdir(), 'canonical-load-'));
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function fileOf(lines: readonly string[]): string {
  const file = join(dir, `usage-${++fileCount}.jsonl`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const base = {
  event_id: 'e-1',
  timestamp: 1_741_752_703_920,
  provider: 'openai',
  model: 'gpt-4o',
  input_tokens: 1200,
  output_tokens: 80,
};

/** Lines covering every field the fast path reads, in every form it takes. */
function variedLines(prefix: string): string[] {
  const at = (i: number) => base.timestamp + i * 61_000;
  return [
    JSON.stringify({ ...base, event_id: `${prefix}-1`, timestamp: at(1) }),
    JSON.stringify({
      event_id: `${prefix}-2`,
      timestamp: at(2),
      request_count: 3,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      operation: 'messages',
      input_tokens: 250_000,
      output_tokens: 4000,
      cache_read_tokens: 200_000,
      cache_write_tokens: 30_000,
      cache_write_1h_tokens: 10_000,
      reasoning_tokens: 1500,
      web_search_requests: 2,
      latency_ms: 1234.5,
      ttft_ms: 0.25,
      status: 'error',
      error_type: 'rate_limit',
      cost_usd: 0.1,
      batch: true,
      stream: false,
      max_tokens: 8000,
      temperature: 0.7,
      prompt_hash: 'ph-ü1',
      prefix_hashes: ['a', 'b', 'ü ✓', ''],
      prefix_block_tokens: 1024,
      prompt: 'Summarize: café — naïve',
      user_id: 'u-1',
      session_id: 's-1',
      feature: 'résumé-writer',
      app: 'web',
      environment: 'prod',
      tags: ['offline', 'batch'],
      unknown_field: { nested: [1, 2] },
    }),
    JSON.stringify({ event_id: `${prefix}-3`, timestamp: at(3), model: 'gpt-4o-mini', output_tokens: 5 }),
    '',
    JSON.stringify({
      ...base,
      event_id: `${prefix}-4`,
      timestamp: at(4),
      model: 'no-such-model-9',
      cost_usd: 1e-7,
    }),
    `${JSON.stringify({ ...base, event_id: `${prefix}-5`, timestamp: at(5), provider: 'google', model: 'gemini-2.5-pro', input_tokens: 300_000 })}\r`,
    JSON.stringify({
      ...base,
      event_id: `${prefix}-6`,
      timestamp: at(6),
      model: 'mystery',
      provider: 'nobody',
    }),
    JSON.stringify({ ...base, event_id: `${prefix}-7`, timestamp: at(7), cost_usd: 12345678.9 }),
    `{"event_id":"${prefix}-8","timestamp":${at(8)},"model":"gpt-4o","latency_ms":3e2,"ttft_ms":1.5E-7,"input_tokens":0}`,
  ];
}

const STORED =
  'SELECT * EXCEPT (org_id, ingested_at) FROM {events:Identifier} WHERE org_id = {org:String} ORDER BY event_id';

async function storedRows(orgId: string): Promise<unknown[]> {
  return store.queryRows(STORED.replace('{events:Identifier}', store.table('usage_events')), { org: orgId });
}

async function javascriptImport(file: string) {
  const args = parseAnalyzeArgs([file]);
  if (args.help) {
    throw new Error('unexpected --help');
  }
  return importFileIntoStore(store, catalog, file, args, () => undefined);
}

describe('the canonical fast load', () => {
  it('stores exactly what the JavaScript import stores, column for column', async () => {
    const lines = variedLines('v');
    const fast = await new CanonicalLoader(store, scratch).load(fileOf(lines), {
      orgId: 'fast-varied',
      rates: catalog,
      storePrompts: true,
    });
    const slow = await javascriptImport(fileOf(lines));
    expect(fast).toEqual({ loaded: true, totals: { ...slow.totals, kind: 'usage' } });
    expect(slow.errors).toEqual([]);
    const rows = await storedRows('fast-varied');
    expect(rows).toHaveLength(8);
    expect(rows).toEqual(await storedRows(LOCAL_ORG_ID));
  });

  it('stores a generated workload exactly as the JavaScript import does', async () => {
    const file = join(dir, 'workload.jsonl');
    await writeWorkloadFile(file, 20_000);
    expect(isCanonicalJsonLines(file)).toBe(true);
    await store.command(
      `ALTER TABLE ${store.table('usage_events')} DELETE WHERE org_id = {org:String} SETTINGS mutations_sync = 1`,
      { org: LOCAL_ORG_ID },
    );
    const fast = await new CanonicalLoader(store, scratch).load(file, {
      orgId: 'fast-workload',
      rates: catalog,
      storePrompts: true,
    });
    const slow = await javascriptImport(file);
    expect(fast).toEqual({ loaded: true, totals: { ...slow.totals, kind: 'usage' } });
    expect(await storedRows('fast-workload')).toEqual(await storedRows(LOCAL_ORG_ID));
  });

  it('leaves no scratch table behind', async () => {
    expect((await scratch.tables()).filter((name) => name.startsWith('canonical_'))).toEqual([]);
  });

  /** Lines the JavaScript import refuses or changes: the fast path must leave their files to it. */
  const refused: [string, Record<string, unknown> | string][] = [
    ['a count with a fraction', { ...base, output_tokens: 80.5 }],
    ['a negative number', { ...base, latency_ms: -1 }],
    ['a null', { ...base, feature: null }],
    ['text with surrounding spaces', { ...base, feature: ' chat ' }],
    ['empty text', { ...base, feature: '' }],
    ['a timestamp in seconds', { ...base, timestamp: 1_741_752_703 }],
    ['no event id', { ...base, event_id: undefined }],
    ['no model', { ...base, model: undefined }],
    ['a key twice', '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","model":"gpt-4o-mini"}'],
    ['inconsistent tokens', { ...base, cache_read_tokens: 2000 }],
    ['an unknown status', { ...base, status: 'ok' }],
    ['text over its limit', { ...base, environment: 'x'.repeat(65) }],
    ['a temperature over 10', { ...base, temperature: 11 }],
    ['a list element over its limit, mid-list', { ...base, tags: ['a', 'x'.repeat(129), 'b'] }],
    ['too many list elements', { ...base, tags: Array.from({ length: 65 }, (_, index) => `t${index}`) }],
    [
      'a number too large for a double',
      '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","latency_ms":1e400}',
    ],
    ['not JSON', '{"event_id":"e-1",'],
    ['an array', '[1, 2, 3]'],
    ['text after the object', '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o"} x'],
    ['two objects on a line', '{"event_id":"e-1","model":"gpt-4o"}{"event_id":"e-2","model":"gpt-4o"}'],
  ];

  /** Lines the JavaScript import reads its own way: left to it, or stored exactly as it stores them. */
  const readAlike: [string, Record<string, unknown> | string][] = [
    ['a count written as text', { ...base, input_tokens: '1200' }],
    [
      'a count written as 80.0',
      '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","output_tokens":80.0}',
    ],
    ['negative zero', '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","cost_usd":-0}'],
    ['an escaped string', { ...base, feature: 'a\nb' }],
    ['an escaped quote', { ...base, feature: 'say "hi"' }],
    ['a unicode escape', '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-\\u0034o"}'],
    [
      'an escaped accent',
      '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","feature":"caf\\u00e9s"}',
    ],
    [
      'a lone surrogate',
      '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","feature":"x\\ud800y"}',
    ],
    ['spaces around values', '{ "event_id" : "e-1" , "timestamp" : 1741752703920 , "model" : "gpt-4o" }'],
    ['an ISO timestamp', { ...base, timestamp: '2025-03-12T04:11:43.920Z' }],
    ['metadata', { ...base, metadata: { team: 'a' } }],
    ['a bucket end', { ...base, period_end: 1_741_756_303_920 }],
    ['a flag written as text', { ...base, stream: 'yes' }],
    ['a number in a list', { ...base, tags: ['a', 1] }],
    ['a trailing unicode space', { ...base, feature: 'chat\u00a0' }],
    ['text that starts and ends with accents', { ...base, feature: 'été' }],
    ['one-character text', { ...base, feature: 'x' }],
    ['a backslash in a list', { ...base, tags: ['a\\b'] }],
    ['an object in a list', { ...base, tags: [{ k: 1 }] }],
    ['a list in a list', { ...base, tags: [['a'], 'b'] }],
    ['null in a list', { ...base, prefix_hashes: ['a', null] }],
    ['brackets and commas inside list strings', { ...base, tags: ['x[y', 'a","b', '{z}'] }],
    [
      'a number with an exponent',
      '{"event_id":"e-1","timestamp":1741752703920,"model":"gpt-4o","cost_usd":1.25e-3}',
    ],
  ];

  async function clearJavascriptImport(): Promise<void> {
    await store.command(
      `ALTER TABLE ${store.table('usage_events')} DELETE WHERE org_id = {org:String} SETTINGS mutations_sync = 1`,
      { org: LOCAL_ORG_ID },
    );
  }

  async function loadBoth(line: Record<string, unknown> | string) {
    const orgId = `edge-${++fileCount}`;
    const text = typeof line === 'string' ? line : JSON.stringify(line);
    const file = fileOf([JSON.stringify({ ...base, event_id: 'e-0' }), text]);
    const result = await new CanonicalLoader(store, scratch).load(file, {
      orgId,
      rates: catalog,
      storePrompts: true,
    });
    await clearJavascriptImport();
    const slow = await javascriptImport(file);
    return { result, slow, fast: await storedRows(orgId), javascript: await storedRows(LOCAL_ORG_ID) };
  }

  it.each(refused)(
    'leaves a file with %s to the JavaScript import, storing nothing',
    async (_label, line) => {
      const { result, fast } = await loadBoth(line);
      expect(result.loaded).toBe(false);
      expect(fast).toEqual([]);
    },
  );

  it('takes lists of plain strings at their limits itself, as the JavaScript import stores them', async () => {
    const tags = ['x'.repeat(128), 'é'.repeat(64), 'a,b', 'b'];
    const { result, fast, javascript } = await loadBoth({
      ...base,
      tags,
      prefix_hashes: ['h'.repeat(256), ''],
    });
    expect(result.loaded).toBe(true);
    expect(fast).toEqual(javascript);
  });

  it.each(readAlike)(
    'with %s, stores nothing or exactly what the JavaScript import stores',
    async (_label, line) => {
      const { result, slow, fast, javascript } = await loadBoth(line);
      if (!result.loaded) {
        expect(fast).toEqual([]);
        return;
      }
      expect(result.totals).toEqual({ ...slow.totals, kind: 'usage' });
      expect(fast).toEqual(javascript);
    },
  );

  it.each(
    readAlike.filter(([label]) =>
      [
        'a count written as 80.0',
        'negative zero',
        'a unicode escape',
        'spaces around values',
        'a number with an exponent',
      ].includes(label),
    ),
  )('takes %s (plain once parsed) and stores what the JavaScript import stores', async (_label, line) => {
    const { result, fast, javascript } = await loadBoth(line);
    expect(result.loaded).toBe(true);
    expect(fast).toEqual(javascript);
  });

  it('leaves a file whose event ids repeat, or are already stored, to the JavaScript import', async () => {
    const loader = new CanonicalLoader(store, scratch);
    const options = { orgId: 'off-path-ids', rates: catalog, storePrompts: true };
    const twice = fileOf([JSON.stringify(base), JSON.stringify({ ...base, input_tokens: 5 })]);
    expect(await loader.load(twice, options)).toEqual({ loaded: false, reason: '1 event ids repeat' });
    const once = fileOf([JSON.stringify(base)]);
    expect((await loader.load(once, options)).loaded).toBe(true);
    expect(await loader.load(once, options)).toEqual({
      loaded: false,
      reason: '1 event ids are already stored',
    });
    expect(await storedRows('off-path-ids')).toHaveLength(1);
  });

  it('fails, leaving no scratch table, when the file changes between its two reads', async () => {
    const file = fileOf([JSON.stringify({ ...base, event_id: 'changing-1' })]);
    // Another writer appends a line just as the load starts moving what it tested.
    const appending = Object.create(store) as ClickHouseStore;
    appending.command = async (query, params) => {
      if (query.startsWith('INSERT INTO')) {
        appendFileSync(file, `\n${JSON.stringify({ ...base, event_id: 'changing-2' })}`);
      }
      await store.command(query, params);
    };
    const loader = new CanonicalLoader(appending, scratch);
    await expect(
      loader.load(file, { orgId: 'changing', rates: catalog, storePrompts: true }),
    ).rejects.toThrow(`${file} changed while it was being imported`);
    expect((await scratch.tables()).filter((name) => name.startsWith('canonical_'))).toEqual([]);
  });
});
