'use client';
/** Retention and prompt-text storage of the organization (`GET/PATCH …/settings`). */
import { orgSettingsSchema, type UpdateOrgSettingsBody } from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { orgKey, useOrg } from './use-org';

export function useOrgSettings() {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'data-settings'),
    queryFn: ({ signal }) =>
      api.request(org?.orgPath('/settings') ?? '', { schema: orgSettingsSchema, signal }),
    enabled: org !== null,
  });
}

export function useSaveOrgSettings() {
  const api = useApi();
  const org = useOrg();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrgSettingsBody) =>
      api.request(org?.orgPath('/settings') ?? '', { method: 'PATCH', body, schema: orgSettingsSchema }),
    onSuccess: (saved) => {
      queryClient.setQueryData(orgKey(org?.organization, 'data-settings'), saved);
    },
  });
}
