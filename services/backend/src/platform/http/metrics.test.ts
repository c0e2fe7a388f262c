import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createBackendMetrics,
  installRequestMetrics,
  meterIngestion,
  registerMetricsRoute,
  UNMATCHED_ROUTE,
} from './metrics.js';

const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function appWithMetrics() {
  const metrics = createBackendMetrics();
  const app = Fastify();
  apps.push(app);
  app.get('/api/v1/orgs/:org_id', (request) => ({ id: (request.params as { org_id: string }).org_id }));
  app.post('/api/v1/fail', async (_request, reply) => reply.status(503).send({ error: 'down' }));
  installRequestMetrics(app, metrics);
  // Like the backend, the route lives in its own scope while the timing covers the whole app.
  void app.register((scope, _options, done) => {
    registerMetricsRoute(scope, metrics);
    done();
  });
  await app.ready();
  const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
  return { app, metrics, scrape };
}

/** The value of one series line, e.g. `name{a="b"} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('HTTP request metrics', () => {
  it('labels requests with the route pattern, method and status, never the raw URL', async () => {
    const { app, scrape } = await appWithMetrics();
    await app.inject({ method: 'GET', url: '/api/v1/orgs/first-org' });
    await app.inject({ method: 'GET', url: '/api/v1/orgs/second-org?x=1' });
    await app.inject({ method: 'POST', url: '/api/v1/fail' });
    const text = await scrape();
    const route = 'route="/api/v1/orgs/:org_id"';
    expect(sample(text, `http_request_duration_seconds_count{method="GET",${route},status_code="200"}`)).toBe(
      2,
    );
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="POST",route="/api/v1/fail",status_code="503"}',
      ),
    ).toBe(1);
    expect(text).not.toContain('first-org');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('puts every unknown path under one label, so cardinality stays bounded', async () => {
    const { app, scrape } = await appWithMetrics();
    for (const path of ['/nope', '/api/v1/random-1', '/api/v1/random-2/deeper']) {
      await app.inject({ method: 'GET', url: path });
    }
    await app.inject({ method: 'DELETE', url: '/api/v1/orgs/x' });
    const text = await scrape();
    const unmatched = `route="${UNMATCHED_ROUTE}"`;
    expect(
      sample(text, `http_request_duration_seconds_count{method="GET",${unmatched},status_code="404"}`),
    ).toBe(3);
    expect(
      sample(text, `http_request_duration_seconds_count{method="DELETE",${unmatched},status_code="404"}`),
    ).toBe(1);
    expect(text).not.toContain('random');
  });

  it('serves the Prometheus text format with process metrics', async () => {
    const { app } = await appWithMetrics();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(response.body).toContain('nodejs_heap_size_used_bytes');
  });
});

describe('metrics per instance', () => {
  it('keeps two registries apart in one process', async () => {
    const first = await appWithMetrics();
    const second = await appWithMetrics();
    await first.app.inject({ method: 'GET', url: '/api/v1/orgs/a' });
    const series =
      'http_request_duration_seconds_count{method="GET",route="/api/v1/orgs/:org_id",status_code="200"}';
    expect(sample(await first.scrape(), series)).toBe(1);
    expect(sample(await second.scrape(), series)).toBeUndefined();
  });
});

describe('store and ingestion metrics', () => {
  it('records store calls by store, operation and outcome', async () => {
    const { metrics, scrape } = await appWithMetrics();
    metrics.observeStoreCall({ store: 'redis', operation: 'increment', seconds: 0.001, ok: true });
    metrics.observeStoreCall({ store: 'clickhouse', operation: 'query_rows', seconds: 0.2, ok: false });
    const text = await scrape();
    const name = 'netra_store_call_duration_seconds_count';
    expect(sample(text, `${name}{store="redis",operation="increment",outcome="ok"}`)).toBe(1);
    expect(sample(text, `${name}{store="clickhouse",operation="query_rows",outcome="error"}`)).toBe(1);
  });

  it('counts what an ingestion service accepted, refused and found duplicate, by source', async () => {
    const { metrics, scrape } = await appWithMetrics();
    const service = meterIngestion(
      {
        ingest: (_orgId: string, records: readonly unknown[], source: string) =>
          Promise.resolve({
            accepted: records.length - 1,
            duplicates: source === 'otlp' ? 1 : 0,
            rejected: [{ index: 0 }],
          }),
      },
      metrics,
    );
    await service.ingest('org', [1, 2, 3], 'rest');
    await service.ingest('org', [1, 2], 'otlp');
    const text = await scrape();
    expect(sample(text, 'netra_ingest_events_accepted_total{source="rest"}')).toBe(2);
    expect(sample(text, 'netra_ingest_events_accepted_total{source="otlp"}')).toBe(1);
    expect(sample(text, 'netra_ingest_events_rejected_total{source="rest"}')).toBe(1);
    expect(sample(text, 'netra_ingest_events_duplicate_total{source="otlp"}')).toBe(1);
  });

  it('counts nothing for a batch that failed, and passes the failure on', async () => {
    const { metrics, scrape } = await appWithMetrics();
    const service = meterIngestion(
      {
        ingest: (_orgId: string, _records: readonly unknown[], source: string) =>
          Promise.reject(new Error(`sink full for ${source}`)),
      },
      metrics,
    );
    await expect(service.ingest('org', [1], 'rest')).rejects.toThrow('sink full for rest');
    expect(await scrape()).not.toContain('netra_ingest_events_accepted_total{');
  });
});
