/**
 * The per-key ingestion budget (INGEST_REQUESTS_PER_MIN) on an app started with a low limit: the
 * request over budget is a 429 with Retry-After and stores nothing; other keys keep their own budget.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

const LIMIT = 3;
let backend: BackendTestApp;

beforeAll(async () => {
  backend = await startBackendTestApp({ INGEST_REQUESTS_PER_MIN: String(LIMIT) });
});

afterAll(async () => {
  await backend.close();
});

function ingest(key: string, inputTokens: number) {
  return backend.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { authorization: `Bearer ${key}` },
    payload: [{ timestamp: '2025-06-04T08:00:00.000Z', model: 'gpt-4o', input_tokens: inputTokens }],
  });
}

describe('ingestion rate limit', () => {
  it('answers 429 rate_limited with Retry-After once a key exceeds its requests per minute', async () => {
    expect(backend.config.values.INGEST_REQUESTS_PER_MIN).toBe(LIMIT);
    const { orgId, key } = await newTestOrganization(backend, 'limited');
    for (let request = 1; request <= LIMIT; request += 1) {
      expect((await ingest(key, request)).statusCode).toBe(200);
    }
    const refused = await ingest(key, 99);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await backend.backend.usage.countEvents(orgId)).toBe(LIMIT);
  });

  it('keeps a separate budget for every key', async () => {
    const spender = await newTestOrganization(backend, 'spender');
    const other = await newTestOrganization(backend, 'other');
    for (let request = 0; request <= LIMIT; request += 1) {
      await ingest(spender.key, request);
    }
    expect((await ingest(spender.key, 100)).statusCode).toBe(429);
    expect((await ingest(other.key, 100)).statusCode).toBe(200);
  });

  it('counts OTLP and file uploads against the same budget', async () => {
    const { key } = await newTestOrganization(backend, 'shared-budget');
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const statuses: number[] = [];
    for (const url of ['/v1/traces', '/api/v1/ingest/files', '/v1/traces', '/api/v1/ingest/files']) {
      const payload = url === '/v1/traces' ? '{"resourceSpans": []}' : '';
      statuses.push((await backend.app.inject({ method: 'POST', url, headers, payload })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await ingest(key, 1)).statusCode).toBe(429);
  });
});
