'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { createQueryClient } from '@/lib/api/query-client';
import type { RuntimeConfig } from '@/lib/browser/runtime-config';
import { RuntimeConfigContext } from './runtime-config-context';

interface ProvidersProps {
  runtimeConfig: RuntimeConfig;
  children: ReactNode;
}

/** Client-side context for every page: the runtime configuration and one TanStack Query client per browser tab. */
export function Providers({ runtimeConfig, children }: ProvidersProps) {
  // useState keeps one client for the tab's lifetime instead of one per render.
  const [queryClient] = useState(createQueryClient);
  return (
    <RuntimeConfigContext value={runtimeConfig}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </RuntimeConfigContext>
  );
}
