/**
 * Regressions of an outside probe's hostile requests against the three ingestion routes: each used
 * to answer 500 or refuse a whole batch for one row. Each now gets a clear 4xx, or a rejection of the
 * one bad row while the rest of the batch is stored; and a small gzip body can no longer buy seconds
 * of server work.
 * @module
 */
import { gzipSync } from 'node:zlib';
import { createPriceCatalog } from '@netra/optimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { compileEventValidator } from './event-validator.js';
import { IngestionService } from './ingest.service.js';
import type { Pricer } from './usage-row-builder.js';

let backend: BackendTestApp;

beforeAll(async () => {
  backend = await startBackendTestApp();
});

afterAll(async () => {
  await backend.close();
});

const TIME = '2025-06-03T10:00:00.000Z';
const START_NANOS = BigInt(Date.parse(TIME)) * 1_000_000n;
const DEPTH = 10_000;
/** `[[[…1…]]]`, DEPTH levels deep: a few kilobytes that exhaust any recursive walk. */
const DEEP_JSON = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;

interface Org {
  orgId: string;
  key: string;
}

function post(org: Org, url: string, payload: string | Buffer, headers: Record<string, string> = {}) {
  return backend.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${org.key}`, 'content-type': 'application/json', ...headers },
    payload,
  });
}

const storedIds = async (org: Org, ids: string[]) =>
  (await backend.backend.usage.findEventsById(org.orgId, ids)).map((row) => row.event_id).sort();

/** The last NDJSON line of a file import: its summary (or the error that ended it). */
const summaryOf = (body: string) =>
  JSON.parse(body.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;

/** The catalog's prices, except that model `overflow` costs Infinity. */
function overflowingPricer(): Pricer {
  const catalog = createPriceCatalog();
  return {
    price: (input) =>
      input.model === 'overflow'
        ? { costUsd: Infinity, provider: null, modelId: null }
        : catalog.price(input),
  };
}

/** The ingestion service on the backend's real sink, with the given pricer. */
function ingestionPricedBy(pricer: Pricer): IngestionService {
  return new IngestionService({
    sink: backend.backend.usageSink,
    pricer,
    validate: compileEventValidator(),
    policyOf: () => Promise.resolve({ storePrompts: false }),
  });
}

describe('POST /api/v1/ingest/events', () => {
  const good = (id: string) => ({ event_id: id, timestamp: TIME, model: 'gpt-4o', input_tokens: 10 });

  it('stores an event carrying JSON nested 10,000 levels deep in an unknown field (which is dropped)', async () => {
    const org = await newTestOrganization(backend, 'deep-rest');
    const body = `[{"event_id":"deep","timestamp":"${TIME}","model":"gpt-4o","x":${DEEP_JSON}}]`;
    const response = await post(org, '/api/v1/ingest/events', body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 1, stored: 1, rejected: [] });
    expect(await storedIds(org, ['deep'])).toEqual(['deep']);
  });

  it('refuses only the event whose metadata value nests 10,000 levels deep', async () => {
    const org = await newTestOrganization(backend, 'deep-meta');
    const body = `[${JSON.stringify(good('ok'))},{"timestamp":"${TIME}","model":"m","metadata":{"a":${DEEP_JSON}}}]`;
    const response = await post(org, '/api/v1/ingest/events', body);
    expect(response.statusCode, response.body).toBe(207);
    expect(response.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, field: 'metadata.a' }] });
    expect(await storedIds(org, ['ok'])).toEqual(['ok']);
  });

  it.each([
    [
      'timestamp',
      { timestamp: '1850-01-01T00:00:00.000Z' },
      'must be between 1900-01-01 and 2299-12-31 (UTC)',
    ],
    [
      'timestamp',
      { timestamp: '2400-01-01T00:00:00.000Z' },
      'must be between 1900-01-01 and 2299-12-31 (UTC)',
    ],
    ['timestamp', { timestamp: Date.UTC(2400, 0, 1) }, 'must be between 1900-01-01 and 2299-12-31 (UTC)'],
  ] as const)(
    'keeps the good event beside one whose %s ClickHouse cannot store (%o)',
    async (field, bad, reason) => {
      const org = await newTestOrganization(backend, 'unstorable');
      const response = await post(
        org,
        '/api/v1/ingest/events',
        JSON.stringify([good('kept'), { ...good('bad'), ...bad }]),
      );
      expect(response.statusCode, response.body).toBe(207);
      expect(response.json()).toEqual({
        accepted: 1,
        stored: 1,
        duplicates: 0,
        unpriced: 0,
        rejected: [{ index: 1, field, reason }],
      });
      expect(await storedIds(org, ['kept', 'bad'])).toEqual(['kept']);
    },
  );

  it('keeps the good event beside one whose latency_ms is 1e400 (Infinity once parsed)', async () => {
    const org = await newTestOrganization(backend, 'infinite');
    const infinite = JSON.stringify(good('bad')).replace('}', ',"latency_ms":1e400}');
    const response = await post(
      org,
      '/api/v1/ingest/events',
      `[${JSON.stringify(good('kept'))},${infinite}]`,
    );
    expect(response.statusCode, response.body).toBe(207);
    expect(response.json()).toMatchObject({
      accepted: 1,
      stored: 1,
      rejected: [{ index: 1, field: 'latency_ms' }],
    });
    expect(await storedIds(org, ['kept', 'bad'])).toEqual(['kept']);
  });

  it('refuses a row the store could not hold even when validation let it through, storing the rest', async () => {
    // Nothing the contract accepts is unstorable today; this stands for a future gap between the two
    // (a price that overflows, say): the row must be refused alone, never fail the shared write.
    const org = await newTestOrganization(backend, 'overflow');
    const ingestion = ingestionPricedBy(overflowingPricer());
    const result = await ingestion.ingest(
      org.orgId,
      [good('fine'), { ...good('overflowing'), model: 'overflow' }],
      'rest',
    );
    expect(result).toMatchObject({
      accepted: 1,
      stored: 1,
      rejected: [{ index: 1, field: 'cost_usd', reason: 'must be a finite number' }],
    });
    expect(await storedIds(org, ['fine', 'overflowing'])).toEqual(['fine']);
  });

  it('answers 413 decompressed_body_too_large, naming the limit, for a gzip body that inflates past 10 MiB', async () => {
    const org = await newTestOrganization(backend, 'bomb-rest');
    const bomb = gzipSync(Buffer.alloc(11 * 1024 * 1024, 0x20));
    const response = await post(org, '/api/v1/ingest/events', bomb, { 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'decompressed_body_too_large', details: { limit_bytes: 10 * 1024 * 1024 } },
    });
  });
});

/** An OTLP/JSON GenAI model-call span; `extra` are more attributes as raw AnyValue JSON text. */
function spanJson(spanId: string, startNanos: string, extra: Record<string, string> = {}): string {
  const attribute = (key: string, value: string) => `{"key":${JSON.stringify(key)},"value":${value}}`;
  const attributes = [
    attribute('gen_ai.system', '{"stringValue":"openai"}'),
    attribute('gen_ai.operation.name', '{"stringValue":"chat"}'),
    attribute('gen_ai.request.model', '{"stringValue":"gpt-4o"}'),
    attribute('gen_ai.usage.input_tokens', '{"intValue":"12"}'),
    ...Object.entries(extra).map(([key, value]) => attribute(key, value)),
  ];
  return (
    `{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"${spanId}","name":"chat gpt-4o",` +
    `"startTimeUnixNano":"${startNanos}","endTimeUnixNano":"${startNanos}","attributes":[${attributes.join(',')}]}`
  );
}

const exportJson = (spans: string[]) => `{"resourceSpans":[{"scopeSpans":[{"spans":[${spans.join(',')}]}]}]}`;
const otelId = (spanId: string) => `otel:5b8efff798038103d269b633813fc60c:${spanId}`;

/** AnyValue nesting `depth` arrays deep, as OTLP/JSON text. */
function nestedArrayValue(depth: number): string {
  return `${'{"arrayValue":{"values":['.repeat(depth)}{"intValue":"1"}${']}}'.repeat(depth)}`;
}

describe('POST /v1/traces', () => {
  it('refuses only the span whose attribute arrayValue nests 10,000 levels deep', async () => {
    const org = await newTestOrganization(backend, 'deep-otlp');
    const body = exportJson([
      spanJson('00000000000000a1', String(START_NANOS), { x: nestedArrayValue(DEPTH) }),
      spanJson('00000000000000a2', String(START_NANOS)),
    ]);
    const response = await post(org, '/v1/traces', body);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: 'span 0: attributes.x: nests deeper than 32 levels',
      },
    });
    expect(await storedIds(org, [otelId('00000000000000a1'), otelId('00000000000000a2')])).toEqual([
      otelId('00000000000000a2'),
    ]);
  });

  it('refuses only the span whose startTimeUnixNano does not fit in 64 bits', async () => {
    const org = await newTestOrganization(backend, 'nanos');
    const body = exportJson([
      spanJson('00000000000000b1', '99999999999999999999999'),
      spanJson('00000000000000b2', String(2n ** 64n - 1n)),
      spanJson('00000000000000b3', String(START_NANOS)),
    ]);
    const response = await post(org, '/v1/traces', body);
    expect(response.statusCode, response.body).toBe(200);
    const { partialSuccess } = response.json<{
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    }>();
    expect(partialSuccess.rejectedSpans).toBe('2');
    expect(partialSuccess.errorMessage).toContain(
      'span 0: startTimeUnixNano: must be an unsigned 64-bit count of nanoseconds since the epoch',
    );
    // The largest 64-bit time is year 2554: readable, but beyond what the store holds.
    expect(partialSuccess.errorMessage).toContain(
      'span 1: timestamp: must be between 1900-01-01 and 2299-12-31',
    );
    expect(await storedIds(org, [otelId('00000000000000b1'), otelId('00000000000000b3')])).toEqual([
      otelId('00000000000000b3'),
    ]);
  });

  it('answers 400 otlp_invalid_request for a JSON body that is a number, not an export request', async () => {
    const org = await newTestOrganization(backend, 'otlp-number');
    for (const body of ['1844674407', 'true', '"text"']) {
      const response = await post(org, '/v1/traces', body);
      expect(response.statusCode, body).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'otlp_invalid_request' } });
    }
  });

  it('answers a protobuf export nesting AnyValues 10,000 deep with a 4xx or a refused span, never a 5xx', async () => {
    const org = await newTestOrganization(backend, 'deep-proto');
    const response = await post(org, '/v1/traces', deepProtobufExport(DEPTH), {
      'content-type': 'application/x-protobuf',
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode === 200) {
      expect(response.headers['x-netra-accepted-spans']).toBe('0');
    } else {
      expect(response.json()).toMatchObject({ error: { code: 'otlp_invalid_request' } });
    }
  });
});

/** Protobuf wire bytes: a length-delimited field. */
function lengthDelimited(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** An ExportTraceServiceRequest whose one GenAI span has an attribute of AnyValues nested `depth` deep. */
function deepProtobufExport(depth: number): Buffer {
  const text = (field: number, value: string) => lengthDelimited(field, Buffer.from(value));
  const keyValue = (key: string, value: Buffer) =>
    lengthDelimited(9, Buffer.concat([text(1, key), lengthDelimited(2, value)]));
  let nested: Buffer = Buffer.from([0x18, 0x01]); // AnyValue { int_value: 1 }
  for (let level = 0; level < depth; level += 1) {
    nested = lengthDelimited(5, lengthDelimited(1, nested)); // AnyValue { array_value { values: [nested] } }
  }
  const start = Buffer.alloc(9);
  start.writeUInt8((7 << 3) | 1, 0); // fixed64 start_time_unix_nano
  start.writeBigUInt64LE(START_NANOS, 1);
  const span = Buffer.concat([
    lengthDelimited(1, Buffer.alloc(16, 1)),
    lengthDelimited(2, Buffer.alloc(8, 2)),
    text(5, 'chat gpt-4o'),
    start,
    keyValue('gen_ai.system', text(1, 'openai')),
    keyValue('gen_ai.request.model', text(1, 'gpt-4o')),
    keyValue('x', nested),
  ]);
  return lengthDelimited(1, lengthDelimited(2, lengthDelimited(2, span)));
}

describe('POST /api/v1/ingest/files', () => {
  const line = (id: string, extra = '') =>
    `{"event_id":"${id}","timestamp":"${TIME}","model":"gpt-4o"${extra}}`;

  it('refuses only the JSONL line whose metadata value nests 10,000 levels deep', async () => {
    const org = await newTestOrganization(backend, 'deep-jsonl');
    const file = `${line('first')}\n${line('deep', `,"metadata":{"a":${DEEP_JSON}}`)}\n${line('third')}\n`;
    const response = await post(org, '/api/v1/ingest/files', file);
    expect(response.statusCode, response.body).toBe(200);
    expect(summaryOf(response.body)).toMatchObject({
      type: 'done',
      accepted: 2,
      rejected: 1,
      errors: [{ line: 2, field: 'metadata.a', reason: 'nests deeper than 64 levels' }],
    });
    expect(await storedIds(org, ['first', 'deep', 'third'])).toEqual(['first', 'third']);
  });

  it('reads a CSV whose columns are named constructor, __proto__ and prototype', async () => {
    const org = await newTestOrganization(backend, 'proto-csv');
    const file = `id,__proto__,constructor,prototype,ts\ncsv-1,gpt-4o,ctor,proto,${TIME}\n`;
    const map =
      'id=event_id,ts=timestamp,__proto__=model,constructor=metadata.constructor,prototype=metadata.prototype';
    const response = await post(org, `/api/v1/ingest/files?format=csv&map=${encodeURIComponent(map)}`, file, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(summaryOf(response.body)).toMatchObject({ type: 'done', accepted: 1, rejected: 0 });
    const [row] = await backend.backend.usage.findEventsById(org.orgId, ['csv-1']);
    expect(row).toMatchObject({ model: 'gpt-4o', metadata: { constructor: 'ctor', prototype: 'proto' } });
    // Any column map with a `constructor` column present used to look `constructor` up on Object.
    const unmapped = await post(
      org,
      `/api/v1/ingest/files?format=csv&map=${encodeURIComponent('ts=timestamp')}`,
      `model,constructor,ts\ngpt-4o,1,${TIME}\n`,
      { 'content-type': 'text/csv' },
    );
    expect(summaryOf(unmapped.body)).toMatchObject({ type: 'done', accepted: 1, rejected: 0 });
  });

  it('refuses the row (not the file) whose metadata has a __proto__ key', async () => {
    const org = await newTestOrganization(backend, 'proto-meta');
    const file = `${line('plain')}\n${line('poisoned', ',"metadata":{"__proto__":"x"}')}\n`;
    const response = await post(org, '/api/v1/ingest/files', file);
    expect(summaryOf(response.body)).toMatchObject({
      accepted: 1,
      errors: [{ line: 2, field: 'metadata.__proto__', reason: 'is not allowed as a metadata key' }],
    });
  });

  it('answers 413 file_too_many_lines at once for a 64 KiB gzip of 64 MiB of blank lines', async () => {
    const org = await newTestOrganization(backend, 'blank-bomb');
    const bomb = gzipSync(
      Buffer.concat([Buffer.from(`${line('before')}\n`), Buffer.alloc(64 * 1024 * 1024, 0x0a)]),
    );
    expect(bomb.length).toBeLessThan(128 * 1024);
    const response = await post(org, '/api/v1/ingest/files', bomb, { 'content-encoding': 'gzip' });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json()).toMatchObject({
      error: { code: 'file_too_many_lines', details: { limit_lines: 2_000_000 } },
    });
    expect(await backend.backend.usage.countEvents(org.orgId)).toBe(0);
  });

  it('answers 400 for a file that starts with more blank lines than detection reads, instead of calling it empty', async () => {
    const org = await newTestOrganization(backend, 'blank-start');
    const file = Buffer.concat([Buffer.alloc(2 * 1024 * 1024, 0x0a), Buffer.from(`${line('late')}\n`)]);
    const response = await post(org, '/api/v1/ingest/files', gzipSync(file), { 'content-encoding': 'gzip' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'ingestion_file_blank_start' } });
  });
});
