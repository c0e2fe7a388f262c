import type { InvitationPreview } from '@netra/shared/contracts';

/**
 * What the invitation page offers the signed-in person, mirroring the backend's rules
 * (invitations.service.ts): only a pending invitation can be accepted, and only by the email it
 * names (compared without case); a member accepting keeps the stronger of the two roles.
 */
export type InvitationVerdict =
  | { kind: 'acceptable'; alreadyMember: boolean }
  | { kind: 'ended' }
  | { kind: 'other_email'; signedInAs: string };

export function invitationVerdict(
  invitation: InvitationPreview,
  viewer: { email: string; memberOf: readonly string[] },
): InvitationVerdict {
  if (invitation.status !== 'pending') {
    return { kind: 'ended' };
  }
  if (viewer.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return { kind: 'other_email', signedInAs: viewer.email };
  }
  return { kind: 'acceptable', alreadyMember: viewer.memberOf.includes(invitation.organization.id) };
}
