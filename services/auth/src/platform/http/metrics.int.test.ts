/**
 * The auth service's Prometheus endpoint: request latency by route pattern and status (never a raw
 * URL), and the process metrics, as every Netra service exposes them.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from '#test-support/auth-app.js';

let auth: AuthTestApp;

beforeAll(async () => {
  auth = await startAuthTestApp();
});

afterAll(async () => {
  await auth.close();
});

/** The value of one series line, e.g. `name{a="b"} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('auth /metrics', () => {
  it('counts requests by route pattern and status, unknown paths under one label, beside the process metrics', async () => {
    await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    // Not a login: the login routes' per-IP limit is shared by every auth test file of the run.
    await auth.app.inject({ method: 'GET', url: '/auth/me' });
    await auth.app.inject({ method: 'GET', url: '/no/such/path/12345' });

    const scrape = await auth.app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    const text = scrape.body;
    const count = (route: string, status: string) =>
      sample(
        text,
        `http_request_duration_seconds_count{method="${route.split(' ')[0] ?? ''}",route="${route.split(' ')[1] ?? ''}",status_code="${status}"}`,
      );
    expect(count('GET /.well-known/jwks.json', '200')).toBe(1);
    expect(count('GET /auth/me', '401')).toBe(1);
    expect(count('GET unmatched', '404')).toBe(1);
    expect(text).not.toContain('12345');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
