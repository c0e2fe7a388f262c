import { describe, expect, it } from 'vitest';
import { githubEmailsSchema, githubUserSchema, profileFromGithub } from './github-profile.js';

const user = githubUserSchema.parse({
  id: 583231,
  login: 'octocat',
  name: 'The Octocat',
  email: 'octocat@github.test',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231',
  // GitHub sends many more fields; they are ignored.
  site_admin: false,
});

describe('profileFromGithub', () => {
  it('uses the numeric id as subject and the primary verified email', () => {
    const emails = githubEmailsSchema.parse([
      { email: 'old@github.test', primary: false, verified: true, visibility: null },
      { email: 'main@github.test', primary: true, verified: true, visibility: 'private' },
    ]);
    expect(profileFromGithub(user, emails)).toEqual({
      subject: '583231',
      email: 'main@github.test',
      emailVerified: true,
      name: 'The Octocat',
      extra: { username: 'octocat', picture: 'https://avatars.githubusercontent.com/u/583231' },
    });
  });

  it('never treats an unverified primary email as verified', () => {
    const emails = [{ email: 'main@github.test', primary: true, verified: false }];
    const profile = profileFromGithub({ ...user, email: null }, emails);
    expect(profile).toMatchObject({ email: undefined, emailVerified: false });
  });

  it('falls back to the public email, verified only when the emails list says so', () => {
    const confirmed = [{ email: 'OCTOCAT@github.test', primary: false, verified: true }];
    expect(profileFromGithub(user, confirmed)).toMatchObject({
      email: 'octocat@github.test',
      emailVerified: true,
    });
    expect(profileFromGithub(user, [])).toMatchObject({ email: 'octocat@github.test', emailVerified: false });
  });

  it('names the person by login when the profile has no name', () => {
    const profile = profileFromGithub(
      { id: 7, login: 'ghost', name: '  ', email: null, avatar_url: null },
      [],
    );
    expect(profile).toEqual({
      subject: '7',
      email: undefined,
      emailVerified: false,
      name: 'ghost',
      extra: { username: 'ghost' },
    });
  });

  it('rejects a user document without a numeric id', () => {
    expect(githubUserSchema.safeParse({ id: 'x', login: 'octocat' }).success).toBe(false);
  });
});
