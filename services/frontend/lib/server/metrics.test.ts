import { describe, expect, it } from 'vitest';
import { metricsRegistry, metricsResponse } from './metrics';

describe('frontend metrics', () => {
  it('answers the process metrics in the Prometheus text format, uncached', async () => {
    const response = await metricsResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('keeps one registry per process, so a reloaded module registers nothing twice', () => {
    expect(metricsRegistry()).toBe(metricsRegistry());
  });
});
