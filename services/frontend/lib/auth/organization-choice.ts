/**
 * Which organization the app acts in. Kept per browser in localStorage (the id), so a reload and a
 * new tab open the same one; the first membership when nothing (or a stale id) is stored.
 * @module
 */
import type { Organization } from '@netra/shared/contracts';
import type { KeyValueStorage } from './dev-login';

const ORGANIZATION_KEY = 'netra.currentOrganization';

/** The organization to act in: the stored one while the user still belongs to it, else the first. */
export function pickOrganization(
  organizations: readonly Organization[],
  storedId: string | null,
): Organization | null {
  return organizations.find((organization) => organization.id === storedId) ?? organizations[0] ?? null;
}

export function readStoredOrganizationId(storage: KeyValueStorage | undefined): string | null {
  return storage?.getItem(ORGANIZATION_KEY) ?? null;
}

export function storeOrganizationId(storage: KeyValueStorage | undefined, id: string): void {
  storage?.setItem(ORGANIZATION_KEY, id);
}
