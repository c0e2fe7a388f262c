'use client';
/**
 * The signed-in user and their memberships, from the backend (`GET /api/v1/me`): the organizations
 * with the caller's role in each. Cached per user by TanStack Query.
 * @module
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { meSchema, type Me } from '@netra/shared/contracts';
import { useApi } from '../api/api-context';
import { useSession } from './auth-provider';

/** Query key of `GET /me`; invalidate it after creating, joining or leaving an organization. */
export const ME_QUERY_KEY = ['me'] as const;

export function useMe(): UseQueryResult<Me> {
  const api = useApi();
  const { status, user } = useSession();
  return useQuery({
    queryKey: [...ME_QUERY_KEY, user?.id],
    queryFn: ({ signal }) => api.request('/api/v1/me', { schema: meSchema, signal }),
    enabled: status === 'signed_in',
    staleTime: 60_000,
  });
}
