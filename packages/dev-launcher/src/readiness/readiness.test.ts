import type { Readiness } from '@netra/shared';
import { describe, expect, it } from 'vitest';
import { describeFailingTiers, describeTiers } from './readiness.js';

const readiness: Readiness = {
  status: 'ready',
  service: 'backend',
  environment: 'development',
  tiers: {
    postgres: { mode: 'embedded', engine: 'pglite', ok: true, latency_ms: 1 },
    redis: { mode: 'embedded', engine: 'in-process', ok: true, latency_ms: 0 },
    clickhouse: { mode: 'server', engine: 'clickhouse', ok: false, latency_ms: 3, error: 'ECONNREFUSED' },
  },
};

describe('readiness descriptions', () => {
  it('names each tier with its mode and engine, marking failures', () => {
    expect(describeTiers(readiness)).toBe(
      'postgres: embedded/pglite, redis: embedded/in-process, clickhouse: server/clickhouse ✗ ECONNREFUSED',
    );
  });

  it('lists only the failing tiers, or the status when none fails', () => {
    expect(describeFailingTiers(readiness)).toBe('clickhouse: ECONNREFUSED');
    expect(describeFailingTiers({ ...readiness, status: 'not_ready', tiers: {} })).toBe('not_ready');
  });
});
