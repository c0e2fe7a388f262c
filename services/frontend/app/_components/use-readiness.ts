'use client';

import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { Readiness } from '@netra/shared';
import { fetchReadiness } from '@/lib/browser/fetch-readiness';
import type { UpstreamService } from '@/lib/browser/runtime-config';

// Failing services are asked again sooner so the page recovers quickly once they come up.
const HEALTHY_INTERVAL_MS = 15_000;
const FAILING_INTERVAL_MS = 5_000;

/** Polls `GET /health/ready` of every service from the browser, one query per service. */
export function useReadiness(services: readonly UpstreamService[]): UseQueryResult<Readiness>[] {
  return useQueries({
    queries: services.map((service) => ({
      queryKey: ['readiness', service.id, service.url],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchReadiness(service.url, { signal }),
      refetchInterval: (query: { state: { status: string } }) =>
        query.state.status === 'error' ? FAILING_INTERVAL_MS : HEALTHY_INTERVAL_MS,
    })),
  });
}
