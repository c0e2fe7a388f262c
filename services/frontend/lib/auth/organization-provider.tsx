'use client';
/**
 * The organization the app acts in (org switcher), for every screen of the shell:
 * `useCurrentOrganization()` gives it with the caller's role, every membership, and `select(id)`.
 * Organization-owned REST paths and the WebSocket (`/ws?org_id=`) take its id.
 * @module
 */
import type { Organization } from '@netra/shared/contracts';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useMe } from './use-me';
import { pickOrganization, readStoredOrganizationId, storeOrganizationId } from './organization-choice';

export interface CurrentOrganization {
  /** Null while loading or when the user belongs to no organization. */
  organization: Organization | null;
  organizations: readonly Organization[];
  select: (id: string) => void;
  /** `GET /me` is still loading, or failed (`error`). */
  loading: boolean;
  error: Error | null;
}

const OrganizationContext = createContext<CurrentOrganization | null>(null);

function browserStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.localStorage;
}

/** Provides the current organization; a change is remembered for the next visit. */
export function OrganizationProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [storedId, setStoredId] = useState(() => readStoredOrganizationId(browserStorage()));
  const organizations = me.data?.organizations ?? [];
  const value: CurrentOrganization = {
    organization: pickOrganization(organizations, storedId),
    organizations,
    select: (id) => {
      storeOrganizationId(browserStorage(), id);
      setStoredId(id);
    },
    loading: me.isPending,
    error: me.error,
  };
  return <OrganizationContext value={value}>{children}</OrganizationContext>;
}

export function useCurrentOrganization(): CurrentOrganization {
  const value = useContext(OrganizationContext);
  if (value === null) {
    throw new Error('useCurrentOrganization must be used inside <OrganizationProvider>');
  }
  return value;
}
