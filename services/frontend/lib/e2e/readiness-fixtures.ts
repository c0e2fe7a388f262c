import type { Readiness, TierMode } from '@netra/shared';

function tier(mode: TierMode, engine: string) {
  return { mode, engine, ok: true, latency_ms: 1.5 };
}

/** A backend on its embedded defaults, as `npm start` on a fresh machine runs it. */
export const embeddedBackend: Readiness = {
  status: 'ready',
  service: 'backend',
  environment: 'test',
  tiers: {
    postgres: tier('embedded', 'pglite'),
    redis: tier('embedded', 'memory'),
    clickhouse: tier('embedded', 'chdb'),
  },
};

/** A backend on real servers, as in production. */
export const serverBackend: Readiness = {
  status: 'ready',
  service: 'backend',
  environment: 'test',
  tiers: {
    postgres: tier('server', 'postgresql'),
    redis: tier('server', 'redis'),
    clickhouse: tier('server', 'clickhouse'),
  },
};

/** An auth service on its embedded defaults. */
export const embeddedAuth: Readiness = {
  status: 'ready',
  service: 'auth',
  environment: 'test',
  tiers: {
    postgres: tier('embedded', 'pglite'),
    redis: tier('embedded', 'memory'),
  },
};
