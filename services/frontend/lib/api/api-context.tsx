'use client';
/**
 * Hands the backend's API client to every screen: `useApi().request('/api/v1/…', {schema})`. The
 * auth session provides it (lib/auth/auth-provider.tsx), so every call carries the current access
 * token and a 401 costs one silent refresh and one retry.
 * @module
 */
import { createContext, useContext } from 'react';
import type { ApiClient } from './api-client';

export const ApiContext = createContext<ApiClient | null>(null);

/** The backend client of this tab; throws outside the auth session provider. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === null) {
    throw new Error('useApi must be used inside <AuthProvider>');
  }
  return client;
}
