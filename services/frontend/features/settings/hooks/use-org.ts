'use client';
/**
 * The organization a settings section acts on, with the caller's role and the path builder of its
 * REST resources (`/api/v1/orgs/{org_id}/…`).
 * @module
 */
import type { Organization } from '@netra/shared/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCurrentOrganization } from '@/lib/auth';

export interface OrgContext {
  organization: Organization;
  /** `/api/v1/orgs/{org_id}` + `path`. */
  orgPath: (path: string) => string;
}

/** Null until `GET /me` has answered with an organization. */
export function useOrg(): OrgContext | null {
  const { organization } = useCurrentOrganization();
  if (organization === null) {
    return null;
  }
  return {
    organization,
    orgPath: (path) => `/api/v1/orgs/${encodeURIComponent(organization.id)}${path}`,
  };
}

/** The query key of an organization's resource, so switching organization never shows stale rows. */
export function orgKey(org: Organization | undefined, ...parts: string[]): readonly string[] {
  return ['settings', org?.id ?? 'none', ...parts];
}

/** Refetches an organization resource after a change to it. */
export function useInvalidateOrg(...parts: string[]) {
  const queryClient = useQueryClient();
  const org = useOrg();
  return () => queryClient.invalidateQueries({ queryKey: orgKey(org?.organization, ...parts) });
}
