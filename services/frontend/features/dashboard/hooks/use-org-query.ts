'use client';
/**
 * One GET of the current organization's REST API, cached under the dashboard's key prefix. The
 * previous answer stays on screen while a new window or filter loads, so nothing jumps.
 * @module
 */
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '@/lib/api';
import { useCurrentOrganization } from '@/lib/auth';
import { dashboardCallKey } from '../lib/query-keys';

/** `pathOf(orgId)` builds the call's path; the query waits until the organization is known. */
export function useOrgQuery<S extends z.ZodType>(
  pathOf: (orgId: string) => string,
  schema: S,
): UseQueryResult<z.output<S>> {
  const api = useApi();
  const orgId = useCurrentOrganization().organization?.id;
  const path = orgId === undefined ? '' : pathOf(orgId);
  return useQuery({
    queryKey: dashboardCallKey(orgId, path),
    queryFn: ({ signal }) => api.request(path, { schema, signal }) as Promise<z.output<S>>,
    enabled: orgId !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
