'use client';
/**
 * The frame of every signed-in screen: the guard (to /login when signed out), the current
 * organization, the tab's WebSocket for it, and header (organization switcher, user menu) + nav.
 * @module
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Spinner } from '@/components/ui';
import { useRuntimeConfig } from '@/app/_components/runtime-config-context';
import { OrganizationProvider, RequireSession, useCurrentOrganization } from '@/lib/auth';
import { serviceUrl } from '@/lib/browser/runtime-config';
import { RunSocketProvider } from '@/lib/ws';
import { OrganizationSwitcher } from './organization-switcher';
import { PrimaryNav } from './primary-nav';
import { UserMenu } from './user-menu';
import styles from './shell.module.css';

function FullPageSpinner() {
  return (
    <div className={styles.loading}>
      <Spinner label="Signing you in" />
    </div>
  );
}

/** The organization's socket (none until the organization is known). */
function OrganizationSocket({ children }: { children: ReactNode }) {
  const { organization } = useCurrentOrganization();
  const backendUrl = serviceUrl(useRuntimeConfig(), 'backend');
  return (
    <RunSocketProvider backendUrl={backendUrl} organizationId={organization?.id ?? null}>
      {children}
    </RunSocketProvider>
  );
}

function ShellFrame({ children }: { children: ReactNode }) {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link href="/" className={styles.brand}>
          Netra Apex
        </Link>
        <OrganizationSwitcher />
        <UserMenu />
      </header>
      <PrimaryNav />
      <main id="main" className={styles.main}>
        {children}
      </main>
    </div>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <RequireSession fallback={<FullPageSpinner />}>
      <OrganizationProvider>
        <OrganizationSocket>
          <ShellFrame>{children}</ShellFrame>
        </OrganizationSocket>
      </OrganizationProvider>
    </RequireSession>
  );
}
