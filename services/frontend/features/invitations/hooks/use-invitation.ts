'use client';
/** An invitation link's preview (`GET /invitations/{token}`) and accepting it. */
import { acceptedInvitationSchema, invitationPreviewSchema } from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { ME_QUERY_KEY, useCurrentOrganization } from '@/lib/auth';

const invitationPath = (token: string) => `/api/v1/invitations/${encodeURIComponent(token)}`;

export function useInvitationPreview(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => api.request(invitationPath(token), { schema: invitationPreviewSchema, signal }),
    // A 404 or 410 will not change by asking again.
    retry: false,
  });
}

/** Accepts, then acts in the organization joined: memberships are read again and it is selected. */
export function useAcceptInvitation(token: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { select } = useCurrentOrganization();
  return useMutation({
    mutationFn: () =>
      api.request(`${invitationPath(token)}/accept`, { method: 'POST', schema: acceptedInvitationSchema }),
    onSuccess: async ({ organization }) => {
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      await queryClient.invalidateQueries({ queryKey: ['invitation', token] });
      select(organization.id);
    },
  });
}
