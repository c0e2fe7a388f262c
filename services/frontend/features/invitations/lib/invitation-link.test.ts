import { describe, expect, it } from 'vitest';
import { invitationLink } from './invitation-link';

describe('invitationLink', () => {
  it('opens the invitation page on the app origin, whatever path the origin came with', () => {
    expect(invitationLink('https://app.example.test', 'inv_abc-DEF_1')).toBe(
      'https://app.example.test/invitations/inv_abc-DEF_1',
    );
    expect(invitationLink('http://localhost:3000/settings/members', 'inv_x')).toBe(
      'http://localhost:3000/invitations/inv_x',
    );
  });

  it('keeps a token with URL-special characters inside its path segment', () => {
    expect(invitationLink('https://app.example.test', 'a/b?c')).toBe(
      'https://app.example.test/invitations/a%2Fb%3Fc',
    );
  });
});
