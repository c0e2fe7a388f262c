'use client';

import type { ReactNode } from 'react';
import { Alert, EmptyState, Spinner } from '@/components/ui';
import { useCurrentOrganization } from '@/lib/auth';

/** Renders `children` with the current organization's id once it is known; says why otherwise. */
export function OrgGate({ children }: { children: (orgId: string) => ReactNode }) {
  const { organization, loading, error } = useCurrentOrganization();
  if (loading) {
    return <Spinner label="Loading your organization" />;
  }
  if (error !== null) {
    return (
      <Alert tone="bad" title="Your organizations could not be loaded">
        {error.message}
      </Alert>
    );
  }
  if (organization === null) {
    return (
      <EmptyState
        title="No organization"
        description="Reports belong to an organization; ask to be invited to one."
      />
    );
  }
  return children(organization.id);
}
