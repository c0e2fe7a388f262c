import { describe, expect, it } from 'vitest';
import { fetchReadiness, readinessUrl, ReadinessFetchError } from './fetch-readiness';

const report = {
  status: 'ready',
  service: 'backend',
  environment: 'development',
  tiers: { postgres: { mode: 'embedded', ok: true, engine: 'pglite', latency_ms: 1.5 } },
};

function answering(status: number, body: string): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fake: typeof fetch = (input) => {
    urls.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json' } }));
  };
  return { fetch: fake, urls };
}

async function failureOf(promise: Promise<unknown>): Promise<ReadinessFetchError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ReadinessFetchError)) {
    throw new Error('expected a ReadinessFetchError');
  }
  return error;
}

describe('readinessUrl', () => {
  it('keeps a path prefix and tolerates a trailing slash', () => {
    expect(readinessUrl('http://127.0.0.1:8000')).toBe('http://127.0.0.1:8000/health/ready');
    expect(readinessUrl('https://netra.example/api/')).toBe('https://netra.example/api/health/ready');
  });
});

describe('fetchReadiness', () => {
  it('returns the validated report of a ready service', async () => {
    const { fetch, urls } = answering(200, JSON.stringify(report));
    expect(await fetchReadiness('http://b.test', { fetch })).toEqual(report);
    expect(urls).toEqual(['http://b.test/health/ready']);
  });

  it('treats a 503 readiness report as an answer, not a failure', async () => {
    const { fetch } = answering(503, JSON.stringify({ ...report, status: 'not_ready' }));
    expect((await fetchReadiness('http://b.test', { fetch })).status).toBe('not_ready');
  });

  it('reports other statuses and non-reports as bad responses', async () => {
    expect((await failureOf(fetchReadiness('http://b.test', answering(500, '{}')))).reason).toBe(
      'bad_response',
    );
    expect((await failureOf(fetchReadiness('http://b.test', answering(200, '<html>')))).reason).toBe(
      'bad_response',
    );
  });

  it('reports a network failure as unreachable', async () => {
    const fetch: typeof globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const error = await failureOf(fetchReadiness('http://b.test', { fetch }));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('http://b.test/health/ready');
  });

  it('lets a cancellation through unchanged', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = new DOMException('aborted', 'AbortError');
    const fetch: typeof globalThis.fetch = () => Promise.reject(aborted);
    await expect(fetchReadiness('http://b.test', { fetch, signal: controller.signal })).rejects.toBe(aborted);
  });
});
