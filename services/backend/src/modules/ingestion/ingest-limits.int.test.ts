/**
 * `POST /api/v1/ingest/events` at its edges: authentication, malformed bodies, size limits (also
 * after decompression), content encodings. Nothing refused may leave a trace in the store.
 * @module
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyPrefix } from '#modules/api-keys/api-key-token.js';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let backend: BackendTestApp;
let baseUrl: string;

beforeAll(async () => {
  backend = await startBackendTestApp();
  // The size limits are also proven over a real socket, where the body arrives in chunks.
  baseUrl = await backend.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await backend.close();
});

const URL_PATH = '/api/v1/ingest/events';
const TEN_MB = 10 * 1024 * 1024;
const EVENT = {
  timestamp: '2025-06-03T10:00:00.000Z',
  model: 'gpt-4o',
  input_tokens: 100,
  output_tokens: 20,
};

function post(headers: Record<string, string>, payload: string | Buffer) {
  return backend.app.inject({
    method: 'POST',
    url: URL_PATH,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
}

/** The same request over real HTTP. */
async function postOverHttp(headers: Record<string, string>, body: string | Buffer) {
  const response = await fetch(`${baseUrl}${URL_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { statusCode: response.status, json: () => JSON.parse(text) as unknown };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const errorCode = (response: { json: () => unknown }) =>
  (response.json() as { error: { code: string } }).error.code;

/** A valid body of exactly `bytes` bytes: 9,000 events whose prompts share the padding. */
function bodyOfSize(bytes: number): string {
  const events = Array.from({ length: 9_000 }, () => ({ ...EVENT, prompt: '' }));
  const extra = bytes - JSON.stringify({ events }).length;
  const each = Math.floor(extra / events.length);
  events.forEach((event, index) => {
    event.prompt = 'a'.repeat(each + (index === 0 ? extra - each * events.length : 0));
  });
  return JSON.stringify({ events });
}

describe('authentication', () => {
  it('answers 401 invalid_api_key without a key, with a wrong key and with a revoked key', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'auth');
    const body = JSON.stringify([EVENT]);
    const unknownKey = `nk_${'0'.repeat(10)}_${'A'.repeat(43)}`;
    const wrongSecret = `${key.slice(0, 14)}${'B'.repeat(43)}`;
    for (const headers of [
      {},
      bearer('nk_garbage'),
      bearer(unknownKey),
      bearer(wrongSecret),
      { authorization: key },
    ]) {
      const response = await post(headers, body);
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(errorCode(response)).toBe('invalid_api_key');
    }
    const second = await backend.backend.services.apiKeys.create(orgId, 'to revoke');
    expect((await post(bearer(second.key), body)).statusCode).toBe(200);
    expect(await backend.backend.services.apiKeys.revoke(orgId, apiKeyPrefix(second.key)!)).toBe(true);
    const revoked = await post(bearer(second.key), JSON.stringify([{ ...EVENT, input_tokens: 7 }]));
    expect(revoked.statusCode).toBe(401);
    expect(errorCode(revoked)).toBe('invalid_api_key');
    expect(await backend.backend.usage.countEvents(orgId)).toBe(1);
  });
});

describe('malformed requests', () => {
  it('answers 400 invalid_json for a body that is not JSON, or empty', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'badjson');
    for (const body of ['{"events": [', 'not json', '']) {
      const response = await post(bearer(key), body);
      expect(response.statusCode, body).toBe(400);
      expect(errorCode(response)).toBe('invalid_json');
    }
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });

  it('answers 400 validation_failed for a body that is neither {events: [...]} nor an array', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'envelope');
    for (const body of ['{"events": "nope"}', '{"data": []}', '42', '{"events": {"0": {}}}', 'null']) {
      const response = await post(bearer(key), body);
      expect(response.statusCode, body).toBe(400);
      expect(errorCode(response)).toBe('validation_failed');
    }
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });
});

describe('size limits', () => {
  it('answers 413 too_many_events for more than 10,000 events', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'many');
    const events = Array.from({ length: 10_001 }, (_unused, index) => ({ ...EVENT, input_tokens: index }));
    const response = await post(bearer(key), JSON.stringify({ events }));
    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe('too_many_events');
    const atLimit = await post(bearer(key), JSON.stringify({ events: events.slice(0, 10_000) }));
    expect(atLimit.json()).toMatchObject({ accepted: 10_000, stored: 10_000 });
    expect(await backend.backend.usage.countEvents(orgId)).toBe(10_000);
  });

  it('answers 413 payload_too_large for a body over 10 MB', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'large');
    const response = await postOverHttp(bearer(key), bodyOfSize(TEN_MB + 1));
    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe('payload_too_large');
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });

  it('answers 413 for a small gzip body that decompresses to more than 10 MB (zip bomb)', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'bomb');
    const bomb = gzipSync(bodyOfSize(TEN_MB + 1024));
    expect(bomb.length).toBeLessThan(TEN_MB / 100);
    const response = await postOverHttp({ ...bearer(key), 'content-encoding': 'gzip' }, bomb);
    expect(response.statusCode).toBe(413);
    // Inflating stops at the route's limit, and the code says it was the decompressed size.
    expect(errorCode(response)).toBe('decompressed_body_too_large');
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
    const justUnder = gzipSync(bodyOfSize(TEN_MB - 1024));
    const accepted = await postOverHttp({ ...bearer(key), 'content-encoding': 'gzip' }, justUnder);
    expect(accepted.statusCode).toBe(200);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(9_000);
  });
});

describe('content encodings', () => {
  it('accepts a gzip body', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'gzip');
    const events = [EVENT, { ...EVENT, model: 'claude-sonnet-4-20250514' }];
    const response = await post(
      { ...bearer(key), 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify(events)),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ accepted: 2, stored: 2 });
    const rows = await backend.backend.usage.listEvents(orgId);
    expect(rows.map((row) => row.model).sort()).toEqual(['claude-sonnet-4-20250514', 'gpt-4o']);
  });

  it('answers 400 for a gzip body that does not decompress', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'corrupt');
    const truncated = gzipSync(JSON.stringify([EVENT])).subarray(0, 20);
    for (const body of [Buffer.from(JSON.stringify([EVENT])), truncated]) {
      const response = await post({ ...bearer(key), 'content-encoding': 'gzip' }, body);
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('bad_request');
    }
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });

  it('answers 415 for an encoding it does not support', async () => {
    const { orgId, key } = await newTestOrganization(backend, 'brotli');
    const response = await post({ ...bearer(key), 'content-encoding': 'br' }, JSON.stringify([EVENT]));
    expect(response.statusCode).toBe(415);
    expect(errorCode(response)).toBe('unsupported_encoding');
    expect(await backend.backend.usage.countEvents(orgId)).toBe(0);
  });
});
