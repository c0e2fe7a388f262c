'use client';
/** Members and invitations of the current organization, and the changes to them. */
import {
  createdInvitationSchema,
  invitationSchema,
  memberSchema,
  pageSchema,
  type OrgRoleName,
} from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { ME_QUERY_KEY } from '@/lib/auth';
import { orgKey, useInvalidateOrg, useOrg } from './use-org';

const memberPage = pageSchema(memberSchema);
const invitationPage = pageSchema(invitationSchema);

export function useMembers() {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'members'),
    queryFn: ({ signal }) => api.request(org?.orgPath('/members') ?? '', { schema: memberPage, signal }),
    enabled: org !== null,
  });
}

/** Only admins may list invitations; `enabled` keeps members and viewers from a certain 403. */
export function useInvitations(enabled: boolean) {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'invitations'),
    queryFn: ({ signal }) =>
      api.request(org?.orgPath('/invitations') ?? '', { schema: invitationPage, signal }),
    enabled: org !== null && enabled,
  });
}

export function useChangeRole() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('members');
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: OrgRoleName }) =>
      api.request(org?.orgPath(`/members/${encodeURIComponent(userId)}`) ?? '', {
        method: 'PATCH',
        body: { role },
        schema: memberSchema,
      }),
    onSettled: async () => {
      await invalidate();
      // The caller's own role may have changed: the whole app reads it from /me.
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}

export function useRemoveMember() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('members');
  return useMutation({
    mutationFn: (userId: string) =>
      api.request(org?.orgPath(`/members/${encodeURIComponent(userId)}`) ?? '', { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useInvite() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('invitations');
  return useMutation({
    mutationFn: (body: { email: string; role: OrgRoleName }) =>
      api.request(org?.orgPath('/invitations') ?? '', {
        method: 'POST',
        body,
        schema: createdInvitationSchema,
      }),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('invitations');
  return useMutation({
    mutationFn: (id: string) =>
      api.request(org?.orgPath(`/invitations/${encodeURIComponent(id)}`) ?? '', { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
