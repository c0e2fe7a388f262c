import { describe, expect, it } from 'vitest';
import { profileFromClaims } from './oidc-profile.js';

const issuer = 'https://idp.example.test';

describe('profileFromClaims', () => {
  it('maps the standard claims', () => {
    const claims = {
      sub: 'abc-123',
      email: 'ada@example.test',
      email_verified: true,
      name: 'Ada Lovelace',
      preferred_username: 'ada',
      picture: 'https://idp.example.test/ada.png',
      aud: 'netra',
    };
    expect(profileFromClaims(claims, issuer)).toEqual({
      subject: 'abc-123',
      email: 'ada@example.test',
      emailVerified: true,
      name: 'Ada Lovelace',
      extra: { issuer, username: 'ada', picture: 'https://idp.example.test/ada.png' },
    });
  });

  it.each([
    [{ email_verified: 'true' }, true],
    [{ email_verified: false }, false],
    [{ email_verified: 'false' }, false],
    [{ email_verified: 'yes' }, false],
    [{}, false],
  ])('reads email_verified %o as %s', (claim, verified) => {
    const profile = profileFromClaims({ sub: 's', email: 'a@example.test', ...claim }, issuer);
    expect(profile.emailVerified).toBe(verified);
  });

  it('drops a malformed email and never calls it verified', () => {
    const profile = profileFromClaims({ sub: 's', email: 'not-an-email', email_verified: true }, issuer);
    expect(profile).toMatchObject({ email: undefined, emailVerified: false });
  });

  it('builds a name from given and family names, else the username', () => {
    expect(profileFromClaims({ sub: 's', given_name: 'Ada', family_name: 'Byron' }, issuer).name).toBe(
      'Ada Byron',
    );
    expect(profileFromClaims({ sub: 's', preferred_username: 'ada' }, issuer).name).toBe('ada');
    expect(profileFromClaims({ sub: 's' }, issuer).name).toBeUndefined();
  });

  it('requires a subject', () => {
    expect(() => profileFromClaims({ email: 'a@example.test' }, issuer)).toThrow();
  });
});
