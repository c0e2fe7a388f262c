'use client';

import type { ReactNode } from 'react';
import { useRuntimeConfig } from '@/app/_components/runtime-config-context';
import { AuthProvider } from '@/lib/auth';
import { serviceUrl } from '@/lib/browser/runtime-config';

/** The session for /login and every signed-in screen, with the service URLs of this page load. */
export function SessionRoot({ children }: { children: ReactNode }) {
  const config = useRuntimeConfig();
  return (
    <AuthProvider authUrl={serviceUrl(config, 'auth')} backendUrl={serviceUrl(config, 'backend')}>
      {children}
    </AuthProvider>
  );
}
