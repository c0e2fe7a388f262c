'use client';
/**
 * The organization's reports (newest first, as the API sends them; one page at a time with "Load
 * more") and one report in full.
 * @module
 */
import { pageSchema, reportListItemSchema, runReportSchema } from '@netra/shared/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { reportKeys } from '../lib/query-keys';

const reportPage = pageSchema(reportListItemSchema);
const PAGE_LIMIT = 20;

/** `GET /orgs/{org}/reports`, page by page through `next_cursor`. */
export function useReportList(orgId: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: reportKeys.list(orgId),
    queryFn: ({ pageParam, signal }) =>
      api.request(`/api/v1/orgs/${orgId}/reports`, {
        query: { limit: PAGE_LIMIT, cursor: pageParam },
        schema: reportPage,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** `GET /orgs/{org}/reports/{id}`: the whole run report. */
export function useReport(orgId: string, reportId: string) {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.detail(orgId, reportId),
    queryFn: ({ signal }) =>
      api.request(`/api/v1/orgs/${orgId}/reports/${reportId}`, { schema: runReportSchema, signal }),
  });
}
