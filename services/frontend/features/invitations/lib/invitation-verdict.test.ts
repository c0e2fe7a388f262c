import type { InvitationPreview } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { invitationVerdict } from './invitation-verdict';

const ORG_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function invitation(change: Partial<InvitationPreview> = {}): InvitationPreview {
  return {
    organization: { id: ORG_ID, name: 'Acme' },
    email: 'ivy@example.test',
    role: 'member',
    status: 'pending',
    expires_at: '2026-12-13T00:00:00.000Z',
    ...change,
  };
}

describe('invitationVerdict', () => {
  it('lets the invited email accept a pending invitation, whatever the case of the address', () => {
    expect(invitationVerdict(invitation(), { email: 'Ivy@Example.TEST', memberOf: [] })).toEqual({
      kind: 'acceptable',
      alreadyMember: false,
    });
  });

  it('says when the invitee already belongs to the organization', () => {
    expect(invitationVerdict(invitation(), { email: 'ivy@example.test', memberOf: [ORG_ID] })).toEqual({
      kind: 'acceptable',
      alreadyMember: true,
    });
  });

  it('refuses another email, naming the one signed in', () => {
    expect(invitationVerdict(invitation(), { email: 'bob@example.test', memberOf: [] })).toEqual({
      kind: 'other_email',
      signedInAs: 'bob@example.test',
    });
  });

  it('offers nothing once the invitation is accepted, revoked or expired, even to its addressee', () => {
    for (const status of ['accepted', 'revoked', 'expired'] as const) {
      expect(invitationVerdict(invitation({ status }), { email: 'ivy@example.test', memberOf: [] })).toEqual({
        kind: 'ended',
      });
    }
  });
});
