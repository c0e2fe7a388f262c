import { livenessSchema } from '@netra/shared';
import { IsolatedEnvironment } from '@netra/shared/server';
import { describe, expect, it } from 'vitest';
import { loadFrontendConfig } from './frontend-config';
import { buildLiveness, livenessResponse } from './liveness';
import {
  buildReadiness,
  createUpstreamProbe,
  frontendReadinessSchema,
  readinessResponse,
  type UpstreamProbe,
} from './readiness';

const config = loadFrontendConfig(
  IsolatedEnvironment.isolated({
    NODE_ENV: 'test',
    BACKEND_URL: 'http://127.0.0.1:18000',
    AUTH_SERVICE_URL: 'http://127.0.0.1:18081',
  }),
);

const allDown: UpstreamProbe = (url) =>
  Promise.resolve({ url, reachable: false, error: 'connection refused' });

function answering(status: number, body: unknown): typeof fetch {
  return () => Promise.resolve(Response.json(body, { status }));
}

describe('GET /health', () => {
  it('reports the process alive with its version and whole seconds of uptime', () => {
    expect(buildLiveness('1.2.3', 41.6)).toEqual({
      status: 'ok',
      service: 'frontend',
      version: '1.2.3',
      uptime_s: 42,
    });
  });

  it('answers 200 with a body matching the shared liveness schema, never cached', async () => {
    const response = livenessResponse('0.1.0');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(livenessSchema.parse(await response.json()).service).toBe('frontend');
  });
});

describe('GET /health/ready', () => {
  it('is ready with no tiers of its own and names the upstreams it points browsers at', async () => {
    const readiness = await buildReadiness(config, allDown);
    expect(readiness).toMatchObject({ status: 'ready', service: 'frontend', environment: 'test', tiers: {} });
    expect(readiness.upstreams.backend?.url).toBe('http://127.0.0.1:18000');
    expect(readiness.upstreams.auth?.url).toBe('http://127.0.0.1:18081');
  });

  it('stays 200 while upstreams are unreachable, reporting why', async () => {
    const response = await readinessResponse(config, allDown);
    expect(response.status).toBe(200);
    const body = frontendReadinessSchema.parse(await response.json());
    expect(body.upstreams.backend).toMatchObject({ reachable: false, error: 'connection refused' });
  });
});

describe('upstream probe', () => {
  const readyBody = { status: 'ready', service: 'backend', environment: 'test', tiers: {} };

  it('reports the upstream readiness status when it answers', async () => {
    const probe = createUpstreamProbe(answering(200, readyBody));
    expect(await probe('http://b.test')).toEqual({ url: 'http://b.test', reachable: true, status: 'ready' });
  });

  it('reports a 503 readiness answer as reachable but not ready', async () => {
    const probe = createUpstreamProbe(answering(503, { ...readyBody, status: 'not_ready' }));
    expect(await probe('http://b.test')).toMatchObject({ reachable: true, status: 'not_ready' });
  });

  it('reports a refused connection as unreachable', async () => {
    const probe = createUpstreamProbe(() => Promise.reject(new TypeError('fetch failed')));
    const status = await probe('http://b.test');
    expect(status).toMatchObject({ reachable: false });
    expect(status.error).toContain('http://b.test/health/ready');
  });

  it('reports an answer that is not a readiness report as reachable with an error', async () => {
    const probe = createUpstreamProbe(answering(404, { error: 'not found' }));
    const status = await probe('http://b.test');
    expect(status.reachable).toBe(true);
    expect(status.error).toContain('HTTP 404');
  });
});
