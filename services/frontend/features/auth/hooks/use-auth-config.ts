'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth, type LoginOptions } from '@/lib/auth';
import { backoffDelay } from '@/lib/browser/backoff';

/**
 * `GET /auth/config` (providers, password login, development login). Retried with backoff for as
 * long as the auth service does not answer, so the page fills in once it has started.
 */
export function useAuthConfig() {
  const { authApi } = useAuth();
  return useQuery<LoginOptions>({
    queryKey: ['auth-config'],
    queryFn: ({ signal }) => authApi.config(signal),
    retry: true,
    retryDelay: (attempt) => backoffDelay(attempt),
    staleTime: 5 * 60_000,
  });
}
