import type { Readiness } from '@netra/shared';
import { ReadinessFetchError } from './fetch-readiness';

/** What the status page shows for one service. */
export type ServiceState = 'checking' | 'ready' | 'not_ready' | 'unreachable' | 'bad_response';

/** The parts of a readiness query's state that decide what to show. */
export interface ReadinessQueryView {
  data: Readiness | undefined;
  error: Error | null;
}

/** The state to show for a service: a failed latest check wins over an older successful one. */
export function serviceStateOf(query: ReadinessQueryView): ServiceState {
  if (query.error !== null) {
    return query.error instanceof ReadinessFetchError ? query.error.reason : 'unreachable';
  }
  if (query.data === undefined) {
    return 'checking';
  }
  return query.data.status;
}

/** Human labels for each state, as shown on the badges. */
export const STATE_LABELS: Readonly<Record<ServiceState, string>> = {
  checking: 'Checking',
  ready: 'Ready',
  not_ready: 'Not ready',
  unreachable: 'Unreachable',
  bad_response: 'Unexpected answer',
};

const TIER_LABELS: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  redis: 'Redis',
  clickhouse: 'ClickHouse',
};

/** The display name of a store tier, falling back to the name the service reported. */
export function tierLabel(name: string): string {
  return TIER_LABELS[name.toLowerCase()] ?? name;
}

/** One-line summary of all services for the page header. */
export function summarize(states: readonly ServiceState[]): string {
  if (states.includes('checking')) {
    return 'Checking services…';
  }
  const attention = states.filter((state) => state !== 'ready').length;
  if (attention === 0) {
    return 'All services ready';
  }
  return attention === 1 ? '1 service needs attention' : `${attention} services need attention`;
}
