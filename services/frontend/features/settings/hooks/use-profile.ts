'use client';
/** The signed-in account (`GET /auth/me`), renaming it and changing its password. */
import {
  accountProfileSchema,
  passwordChangedSchema,
  type ChangePasswordBody,
  type UpdateProfileBody,
} from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth, useSession } from '@/lib/auth';
import { useAuthServiceClient } from './use-auth-client';

const profileKey = (userId: string | undefined) => ['settings', 'profile', userId ?? 'none'] as const;

export function useProfile() {
  const client = useAuthServiceClient();
  const { user } = useSession();
  return useQuery({
    queryKey: profileKey(user?.id),
    queryFn: ({ signal }) => client.request('/auth/me', { schema: accountProfileSchema, signal }),
    enabled: user !== null,
  });
}

/** Renames the account; a refresh then puts the new name into the session (the header shows it). */
export function useRename() {
  const client = useAuthServiceClient();
  const { session } = useAuth();
  const { user } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileBody) =>
      client.request('/auth/me', { method: 'PATCH', body, schema: accountProfileSchema }),
    onSuccess: async (profile) => {
      queryClient.setQueryData(profileKey(user?.id), profile);
      await session.refresh();
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useChangePassword() {
  const client = useAuthServiceClient();
  const { user } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      client.request('/auth/password', {
        method: 'POST',
        body,
        schema: passwordChangedSchema,
        credentials: 'include',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKey(user?.id) }),
  });
}
