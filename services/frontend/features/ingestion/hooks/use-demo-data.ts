'use client';
/**
 * The demo-data loader: `POST …/demo-data` ingests a realistic 14-day workload once per
 * organization; afterwards every dashboard figure is refetched.
 * @module
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { demoDataLoadedSchema } from '@netra/shared/contracts';
import { dashboardQueryKey } from '@/features/dashboard/lib/query-keys';
import { useApi } from '@/lib/api';
import { useCurrentOrganization } from '@/lib/auth';

export function useLoadDemoData() {
  const api = useApi();
  const queryClient = useQueryClient();
  const orgId = useCurrentOrganization().organization?.id;
  return useMutation({
    mutationFn: () => {
      if (orgId === undefined) {
        throw new Error('No organization is selected');
      }
      return api.request(`/api/v1/orgs/${encodeURIComponent(orgId)}/demo-data`, {
        method: 'POST',
        body: {},
        schema: demoDataLoadedSchema,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dashboardQueryKey(orgId) }),
  });
}
