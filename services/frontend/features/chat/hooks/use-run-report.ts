'use client';
import { runReportSchema } from '@netra/shared/contracts';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { chatKeys, chatPaths, known } from './chat-paths';
import { useOrgId } from './use-threads';

/** The whole run report (`GET …/reports/{id}`) once the run named it. */
export function useRunReport(reportId: string | null) {
  const api = useApi();
  const orgId = useOrgId();
  return useQuery({
    queryKey: chatKeys.report(orgId, reportId ?? ''),
    enabled: orgId !== null && reportId !== null,
    staleTime: Infinity,
    queryFn: ({ signal }) =>
      api.request(chatPaths.report(known(orgId), known(reportId)), { schema: runReportSchema, signal }),
  });
}
