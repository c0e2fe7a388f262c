/**
 * Property-based: thousands of generated hostile requests at each ingestion route, in-process on the
 * real stores — garbage and cut-off JSON, 10,000-level nesting, overflowing numbers, wrong types,
 * prototype keys, bad timestamps, odd content types and encodings, valid and invalid records mixed.
 * Never a 5xx; a valid record of a batch answered 2xx is never refused and is in ClickHouse
 * afterwards; the backend is still ready at the end. Fixed seed, so a failure replays exactly.
 * The three routes are driven at once, so their writes share inserts as real traffic would.
 * @module
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { fileCase, type FileCase } from '#test-support/hostile-files.js';
import {
  bodyEncoding,
  encoded,
  garbageBody,
  mixedRecords,
  mostly,
  type GeneratedRecord,
} from '#test-support/hostile-ingestion.js';
import { otlpCase, type OtlpCase } from '#test-support/hostile-otlp.js';

const CASES_PER_ROUTE = 2_000;
const SEED = 20_261_202;
const WORKERS = 8;

type Route = 'rest' | 'otlp' | 'file';
const ROUTES: readonly Route[] = ['rest', 'otlp', 'file'];

let backend: BackendTestApp;
let orgs: Record<Route, { orgId: string; key: string }>;
/** Event ids of valid records answered 2xx, per route: all must be stored. */
const acknowledged: Record<Route, string[]> = { rest: [], otlp: [], file: [] };

beforeAll(async () => {
  // A flush waits up to 30 ms for company: concurrent cases then share an insert, as real clients do.
  backend = await startBackendTestApp({ INGEST_FLUSH_MS: '30' });
  orgs = {
    rest: await newTestOrganization(backend, 'prop-rest'),
    otlp: await newTestOrganization(backend, 'prop-otlp'),
    file: await newTestOrganization(backend, 'prop-file'),
  };
});

afterAll(async () => {
  await backend.close();
});

type Envelope = 'events' | 'array' | 'garbage' | 'wrong-envelope';

const restCase = fc.record({
  records: mixedRecords,
  envelope: mostly<Envelope>(['events', 'array'], ['garbage', 'wrong-envelope']),
  garbage: garbageBody,
  contentType: mostly(
    ['application/json', 'application/json; charset=utf-8'],
    ['text/plain', 'application/x-protobuf', '', 'application/json; charset=latin1'],
  ),
  encoding: bodyEncoding,
});
type RestCase = typeof restCase extends fc.Arbitrary<infer T> ? T : never;

function restBody(test: RestCase): Buffer {
  const items = test.records.map((record) => record.text).join(',');
  switch (test.envelope) {
    case 'events':
      return Buffer.from(`{"events":[${items}]}`);
    case 'array':
      return Buffer.from(`[${items}]`);
    case 'wrong-envelope':
      return Buffer.from(`{"events":{"0":[${items}]}}`);
    case 'garbage':
      return test.garbage;
  }
}

/** Whether nothing but the records themselves could make the backend refuse this request. */
function restIsWellFormed(test: RestCase, body: Buffer): boolean {
  const text = body.toString('utf8');
  return (
    (test.envelope === 'events' || test.envelope === 'array') &&
    ['application/json', 'application/json; charset=utf-8'].includes(test.contentType) &&
    ['none', 'identity', 'gzip', 'GZIP', 'deflate'].includes(test.encoding) &&
    !text.includes('"__proto__"') &&
    !text.includes('"constructor"')
  );
}

function validIndexes(records: readonly GeneratedRecord[]): number[] {
  return records.flatMap((record, index) => (record.validId === undefined ? [] : [index]));
}

async function checkRest(test: RestCase): Promise<void> {
  const body = restBody(test);
  const { payload, headers } = encoded(body, test.encoding);
  const response = await backend.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${orgs.rest.key}`, 'content-type': test.contentType, ...headers },
    payload,
  });
  expectNo5xx(response);
  const valid = test.envelope === 'events' || test.envelope === 'array' ? validIndexes(test.records) : [];
  if (restIsWellFormed(test, body) && valid.length > 0) {
    expect([200, 207], response.body).toContain(response.statusCode);
  }
  if (response.statusCode === 200 || response.statusCode === 207) {
    const refused = new Set(
      response.json<{ rejected: { index: number }[] }>().rejected.map((item) => item.index),
    );
    expect(
      valid.filter((index) => refused.has(index)),
      response.body,
    ).toEqual([]);
    acknowledged.rest.push(...valid.map((index) => test.records[index]?.validId ?? ''));
  }
}

function expectNo5xx(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500);
}

async function checkOtlp(test: OtlpCase): Promise<void> {
  const { payload, headers } = encoded(test.body, test.encoding);
  const response = await backend.app.inject({
    method: 'POST',
    url: '/v1/traces',
    headers: { authorization: `Bearer ${orgs.otlp.key}`, 'content-type': test.contentType, ...headers },
    payload,
  });
  expectNo5xx(response);
  if (response.statusCode !== 200 || test.validSpans.length === 0) {
    return;
  }
  const message = test.contentType.startsWith('application/json')
    ? response.body
    : response.rawPayload.toString('latin1');
  for (const span of test.validSpans) {
    expect(message, `span ${span.index} was refused`).not.toContain(`span ${span.index}:`);
  }
  acknowledged.otlp.push(...test.validSpans.map((span) => span.eventId));
}

/** The last NDJSON line of a file import: its summary, or the error that ended it. */
function lastUpdate(body: string): { type: string; code?: string; errors?: { line: number }[] } {
  return JSON.parse(body.trim().split('\n').at(-1) ?? '{}') as ReturnType<typeof lastUpdate>;
}

async function checkFile(test: FileCase): Promise<void> {
  const { payload, headers } = encoded(test.body, test.encoding);
  const response = await backend.app.inject({
    method: 'POST',
    url: `/api/v1/ingest/files?${test.query}`,
    headers: { authorization: `Bearer ${orgs.file.key}`, 'content-type': test.contentType, ...headers },
    payload,
  });
  expectNo5xx(response);
  if (response.statusCode !== 200) {
    return;
  }
  const summary = lastUpdate(response.body);
  expect(summary.code, response.body.slice(0, 500)).not.toBe('internal_error');
  if (summary.type !== 'done') {
    return;
  }
  const refusedLines = new Set((summary.errors ?? []).map((error) => error.line));
  expect(
    test.validRows.filter((row) => refusedLines.has(row.line)),
    response.body.slice(0, 500),
  ).toEqual([]);
  acknowledged.file.push(...test.validRows.map((row) => row.eventId));
}

async function expectAllStored(route: Route): Promise<void> {
  const ids = [...new Set(acknowledged[route])];
  const stored = new Set<string>();
  for (let start = 0; start < ids.length; start += 1_000) {
    const rows = await backend.backend.usage.findEventsById(
      orgs[route].orgId,
      ids.slice(start, start + 1_000),
    );
    rows.forEach((row) => stored.add(row.event_id));
  }
  expect(ids.filter((id) => !stored.has(id))).toEqual([]);
}

/**
 * Each route's cases run as WORKERS property runs side by side (seeds SEED + route * 100 + worker),
 * like concurrent clients: the writer then shares inserts between them, which keeps the whole test
 * fast enough for every `npm test`.
 */
function runRoute<T>(
  route: number,
  cases: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
): Promise<void>[] {
  return Array.from({ length: WORKERS }, (_unused, worker) =>
    fc.assert(fc.asyncProperty(cases, check), {
      numRuns: CASES_PER_ROUTE / WORKERS,
      seed: SEED + route * 100 + worker,
      endOnFailure: true,
    }),
  );
}

describe('hostile requests at the ingestion routes', () => {
  it(`never answer 5xx nor lose a valid record (${CASES_PER_ROUTE} cases per route)`, async () => {
    await Promise.all([
      ...runRoute(0, restCase, checkRest),
      ...runRoute(1, otlpCase, checkOtlp),
      ...runRoute(2, fileCase, checkFile),
    ]);
    for (const route of ROUTES) {
      // Enough of the cases reached storage for the property to mean something.
      expect(acknowledged[route].length, route).toBeGreaterThan(CASES_PER_ROUTE / 4);
      await expectAllStored(route);
    }
    expect((await backend.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  }, 300_000);
});
