/**
 * What the signed-in person may do on the Members section, mirroring the backend's rules
 * (organizations.service.ts): admins manage viewers, members and admins and invite; only owners
 * grant or take ownership; anyone may leave; the last owner cannot leave or be demoted (the backend
 * answers that one, since only it knows the count for sure). Each refusal carries the sentence the
 * disabled control explains itself with.
 * @module
 */
import type { OrgRoleName } from '@netra/shared/contracts';

export const ROLE_ORDER: readonly OrgRoleName[] = ['viewer', 'member', 'admin', 'owner'];

export const ROLE_LABELS: Record<OrgRoleName, string> = {
  viewer: 'Viewer',
  member: 'Member',
  admin: 'Admin',
  owner: 'Owner',
};

/** What each role adds, for the hint under the role select. */
export const ROLE_DESCRIPTIONS: Record<OrgRoleName, string> = {
  viewer: 'reads everything',
  member: 'also chats, runs analyses and uploads',
  admin: 'also manages keys, members, prices and settings',
  owner: 'also deletes the organization and grants ownership',
};

/** Allowed, or refused with the reason to show. */
export type Permission = { allowed: true } | { allowed: false; reason: string };

const allowed: Permission = { allowed: true };
const refused = (reason: string): Permission => ({ allowed: false, reason });

export function atLeast(role: OrgRoleName, needed: OrgRoleName): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(needed);
}

/** Inviting people and seeing invitations takes an admin. */
export function canManageInvitations(actor: OrgRoleName): Permission {
  return atLeast(actor, 'admin') ? allowed : refused('Only admins and owners can invite people.');
}

/** Changing a member's role: admins for non-owners, owners for anything touching ownership. */
export function canChangeRole(actor: OrgRoleName, target: OrgRoleName): Permission {
  if (!atLeast(actor, 'admin')) {
    return refused('Only admins and owners can change roles.');
  }
  if (target === 'owner' && actor !== 'owner') {
    return refused('Only an owner can change an owner’s role.');
  }
  return allowed;
}

/** The roles the actor may pick for someone (owners may grant ownership; admins may not). */
export function assignableRoles(actor: OrgRoleName): OrgRoleName[] {
  return ROLE_ORDER.filter((role) => role !== 'owner' || actor === 'owner');
}

/** Removing someone takes an admin (an owner for an owner); leaving yourself is always allowed. */
export function canRemove(actor: OrgRoleName, target: OrgRoleName, isSelf: boolean): Permission {
  if (isSelf) {
    return allowed;
  }
  if (!atLeast(actor, 'admin')) {
    return refused('Only admins and owners can remove members.');
  }
  if (target === 'owner' && actor !== 'owner') {
    return refused('Only an owner can remove an owner.');
  }
  return allowed;
}

/** Changing organization settings (prices, budgets, webhooks, retention) takes an admin. */
export function canAdminister(actor: OrgRoleName): Permission {
  return atLeast(actor, 'admin')
    ? allowed
    : refused('Only admins and owners can change this; you can read it.');
}
