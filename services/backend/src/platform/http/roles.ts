import { AppError } from '@netra/shared';

/** Organization roles, weakest first (ARCHITECTURE §4.5): viewer reads; member also chats, runs and uploads;
 * admin also manages keys, members, prices and settings; owner also deletes the organization. */
export const ORG_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export function roleRank(role: OrgRole): number {
  return ORG_ROLES.indexOf(role);
}

export function hasRole(actual: OrgRole, needed: OrgRole): boolean {
  return roleRank(actual) >= roleRank(needed);
}

/** 403 naming the role the action needs and the one the caller has. */
export function requireRole(actual: OrgRole, needed: OrgRole): void {
  if (!hasRole(actual, needed)) {
    throw new AppError(
      403,
      'forbidden',
      `This needs the ${needed} role in the organization (you are ${actual})`,
      {
        details: { required_role: needed, role: actual },
      },
    );
  }
}
