'use client';
/**
 * A client for the auth service's own account endpoints (`/auth/me`, `/auth/password`), carrying the
 * session's access token. Calls send cookies: a password change keeps the session it came from
 * signed in only when the refresh cookie comes along.
 * @module
 */
import { useMemo } from 'react';
import { useRuntimeConfig } from '@/app/_components/runtime-config-context';
import { createApiClient, type ApiClient } from '@/lib/api';
import { useAuth } from '@/lib/auth';
import { serviceUrl } from '@/lib/browser/runtime-config';

export function useAuthServiceClient(): ApiClient {
  const config = useRuntimeConfig();
  const { session } = useAuth();
  const baseUrl = serviceUrl(config, 'auth');
  return useMemo(
    () =>
      createApiClient({
        baseUrl,
        getAccessToken: () => session.accessToken(),
        onUnauthorized: () => session.refresh(),
      }),
    [baseUrl, session],
  );
}
