'use client';
/**
 * The organization's ingestion keys: list, create (the answer holds the key, once) and revoke.
 * Admins and owners only; the backend answers 403 to anyone else.
 * @module
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKeySchema, createdApiKeySchema, pageSchema } from '@netra/shared/contracts';
import { useApi } from '@/lib/api';
import { useCurrentOrganization } from '@/lib/auth';

const apiKeyListSchema = pageSchema(apiKeySchema);

function keysPath(orgId: string, id?: string): string {
  const root = `/api/v1/orgs/${encodeURIComponent(orgId)}/api-keys`;
  return id === undefined ? root : `${root}/${encodeURIComponent(id)}`;
}

function useKeysContext() {
  const api = useApi();
  const queryClient = useQueryClient();
  const orgId = useCurrentOrganization().organization?.id;
  const queryKey = ['ingestion', orgId, 'api-keys'] as const;
  const requireOrg = () => {
    if (orgId === undefined) {
      throw new Error('No organization is selected');
    }
    return orgId;
  };
  return { api, queryClient, orgId, queryKey, requireOrg };
}

export function useApiKeys() {
  const { api, orgId, queryKey } = useKeysContext();
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => api.request(keysPath(orgId ?? ''), { schema: apiKeyListSchema, signal }),
    enabled: orgId !== undefined,
  });
}

export function useCreateApiKey() {
  const { api, queryClient, queryKey, requireOrg } = useKeysContext();
  return useMutation({
    mutationFn: (name: string) =>
      api.request(keysPath(requireOrg()), { method: 'POST', body: { name }, schema: createdApiKeySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}

export function useRevokeApiKey() {
  const { api, queryClient, queryKey, requireOrg } = useKeysContext();
  return useMutation({
    mutationFn: (id: string) => api.request(keysPath(requireOrg(), id), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
}
