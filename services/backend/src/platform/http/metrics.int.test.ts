/**
 * `GET /metrics` on the composed backend with its real stores: requests, store calls and ingestion
 * outcomes show up as Prometheus series with bounded labels.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestOrganization, startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';

let test: BackendTestApp;

beforeAll(async () => {
  test = await startBackendTestApp();
});

afterAll(async () => {
  await test.close();
});

/** The values of every series of `name` whose labels include all of `labels`. */
function samples(text: string, name: string, labels: Record<string, string>): number[] {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((pair) => line.includes(pair)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function events(runId: string) {
  const base = { timestamp: '2025-06-02T09:00:00.000Z', provider: 'openai', model: 'gpt-4o-mini' };
  return [
    { ...base, event_id: `${runId}-a`, input_tokens: 100, output_tokens: 20 },
    { ...base, event_id: `${runId}-b`, input_tokens: 50, output_tokens: 10 },
    { ...base, event_id: `${runId}-bad`, input_tokens: -1 },
  ];
}

async function scrape(): Promise<string> {
  const response = await test.app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.body;
}

describe('GET /metrics', () => {
  it('is public and reports requests, store calls, ingestion and the process', async () => {
    const { key } = await newTestOrganization(test, 'metrics');
    const batch = { events: events(`metrics-${Date.now().toString(36)}`) };
    for (let send = 0; send < 2; send += 1) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/events',
        headers: { authorization: `Bearer ${key}` },
        payload: batch,
      });
      expect(response.statusCode).toBe(207);
    }
    expect((await test.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const stray = await test.app.inject({ method: 'GET', url: '/api/v1/no-such-resource/4711' });
    expect(stray.statusCode).toBe(404);
    await expect(
      test.backend.stores.clickhouse.queryRows('SELECT * FROM no_such_table_for_metrics'),
    ).rejects.toThrow();

    const text = await scrape();
    const http = 'http_request_duration_seconds_count';
    expect(
      samples(text, http, { method: 'POST', route: '/api/v1/ingest/events', status_code: '207' }),
    ).toEqual([2]);
    expect(samples(text, http, { method: 'GET', route: '/health', status_code: '200' })).toEqual([1]);
    expect(samples(text, http, { method: 'GET', route: 'unmatched', status_code: '404' })).toEqual([1]);
    expect(text).not.toContain('no-such-resource');

    expect(samples(text, 'netra_ingest_events_accepted_total', { source: 'rest' })).toEqual([4]);
    expect(samples(text, 'netra_ingest_events_rejected_total', { source: 'rest' })).toEqual([2]);
    expect(samples(text, 'netra_ingest_events_duplicate_total', { source: 'rest' })).toEqual([2]);

    const store = 'netra_store_call_duration_seconds_count';
    expect(
      sum(samples(text, store, { store: 'postgres', operation: 'select', outcome: 'ok' })),
    ).toBeGreaterThan(0);
    expect(sum(samples(text, store, { store: 'redis', outcome: 'ok' }))).toBeGreaterThan(0);
    const inserts = samples(text, store, {
      store: 'clickhouse',
      operation: 'insert_compact_json',
      outcome: 'ok',
    });
    expect(sum(inserts)).toBeGreaterThan(0);
    expect(samples(text, store, { store: 'clickhouse', operation: 'query_rows', outcome: 'error' })).toEqual([
      1,
    ]);

    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('counts itself like any other route, under its pattern', async () => {
    await scrape();
    const text = await scrape();
    const route = { method: 'GET', route: '/metrics', status_code: '200' };
    expect(samples(text, 'http_request_duration_seconds_count', route)[0]).toBeGreaterThanOrEqual(1);
  });
});
