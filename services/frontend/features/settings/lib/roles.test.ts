import { describe, expect, it } from 'vitest';
import { assignableRoles, canAdminister, canChangeRole, canManageInvitations, canRemove } from './roles';

describe('member permissions', () => {
  it('lets owners do everything and grant ownership', () => {
    expect(canChangeRole('owner', 'owner').allowed).toBe(true);
    expect(canRemove('owner', 'owner', false).allowed).toBe(true);
    expect(assignableRoles('owner')).toEqual(['viewer', 'member', 'admin', 'owner']);
  });

  it('lets admins manage non-owners but not owners, and not grant ownership', () => {
    expect(canChangeRole('admin', 'member').allowed).toBe(true);
    expect(canChangeRole('admin', 'owner')).toEqual({
      allowed: false,
      reason: 'Only an owner can change an owner’s role.',
    });
    expect(canRemove('admin', 'owner', false).allowed).toBe(false);
    expect(assignableRoles('admin')).toEqual(['viewer', 'member', 'admin']);
  });

  it('refuses members and viewers with a reason, but lets anyone leave', () => {
    expect(canChangeRole('member', 'viewer').allowed).toBe(false);
    expect(canRemove('viewer', 'member', false)).toEqual({
      allowed: false,
      reason: 'Only admins and owners can remove members.',
    });
    expect(canRemove('viewer', 'viewer', true).allowed).toBe(true);
    expect(canManageInvitations('member').allowed).toBe(false);
    expect(canAdminister('viewer').allowed).toBe(false);
    expect(canAdminister('admin').allowed).toBe(true);
  });
});
