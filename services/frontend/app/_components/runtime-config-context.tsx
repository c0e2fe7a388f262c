'use client';

import { createContext, useContext } from 'react';
import type { RuntimeConfig } from '@/lib/browser/runtime-config';

/** Carries the request-time runtime configuration from the root layout to client components. */
export const RuntimeConfigContext = createContext<RuntimeConfig | null>(null);

/** The runtime configuration of this page load; throws when rendered outside the providers. */
export function useRuntimeConfig(): RuntimeConfig {
  const config = useContext(RuntimeConfigContext);
  if (config === null) {
    throw new Error('useRuntimeConfig must be used inside <Providers>');
  }
  return config;
}
