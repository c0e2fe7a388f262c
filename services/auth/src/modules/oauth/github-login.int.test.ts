import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, uniqueEmail, type AuthTestApp } from '#test-support/auth-app.js';
import { GithubStandIn } from '#test-support/oidc-github-stand-in.js';
import { OAuthRepository, type PendingLogin } from './oauth.repository.js';
import type { OAuthService, ProviderCallback } from './oauth.service.js';

/**
 * GitHub's plain OAuth 2 path, end to end on the run's real stores, against a local stand-in for
 * GitHub's endpoints. The app is composed with the stand-in's URLs and the login service is
 * called directly (the stand-in's authorize page is fetched, not a browser).
 */
let auth: AuthTestApp;
let github: GithubStandIn;
let oauth: OAuthService;
let pendingLogins: OAuthRepository;

beforeAll(async () => {
  github = new GithubStandIn();
  const endpoints = await github.start();
  auth = await startAuthTestApp(
    {
      GITHUB_CLIENT_ID: github.clientId,
      GITHUB_CLIENT_SECRET: github.clientSecret,
      AUTH_SERVICE_URL: 'http://auth.netra.test',
    },
    { githubEndpoints: endpoints },
  );
  oauth = auth.services.oauth;
  pendingLogins = new OAuthRepository(auth.stores.redis);
});

afterAll(async () => {
  await auth.close();
  await github.close();
});

const client = { ip: '127.0.0.1', userAgent: 'github-test' };
const log = { warn: () => undefined };
let nextId = Math.floor(Math.random() * 1e9);

/** A new GitHub user with one primary verified email (the usual case). */
function githubUser(label: string, verified = true) {
  nextId += 1;
  const email = uniqueEmail(label);
  github.setUser({
    user: { id: nextId, login: `${label}-${nextId}`, name: null, email: null, avatar_url: null },
    emails: [{ email, primary: true, verified }],
  });
  return { id: String(nextId), email };
}

/** Starts a login and lets the stand-in's authorize page approve it; returns the callback. */
async function authorize(): Promise<ProviderCallback> {
  const start = await oauth.start({ provider: 'github' });
  expect(start.searchParams.get('redirect_uri')).toBe('http://auth.netra.test/auth/callback/github');
  const approved = await fetch(start, { redirect: 'manual' });
  const back = new URL(approved.headers.get('location') ?? '');
  return {
    provider: 'github',
    code: back.searchParams.get('code') ?? undefined,
    state: back.searchParams.get('state') ?? undefined,
  };
}

describe('GitHub login (OAuth 2 without OpenID)', () => {
  it('creates the account from the primary verified email, then signs the same person in again', async () => {
    const person = githubUser('gh-new');
    const first = await oauth.finish(await authorize(), client, log);
    expect(first).toMatchObject({ kind: 'signed_in', redirectTo: 'http://localhost:3000/' });
    if (first.kind !== 'signed_in') {
      return;
    }
    expect(first.user).toMatchObject({ email: person.email, emailVerified: true, passwordHash: null });
    const identity = await auth.services.accounts.findIdentity('github', person.id);
    expect(identity).toMatchObject({ userId: first.user.id, profile: { username: `gh-new-${person.id}` } });

    const second = await oauth.finish(await authorize(), client, log);
    expect(second).toMatchObject({ kind: 'signed_in', user: { id: first.user.id } });
    const events = (await auth.services.audit.forEmail(person.email)).map((entry) => entry.event);
    expect(events).toEqual(['register', 'login_success', 'login_success']);
  });

  it('refuses a code GitHub already redeemed', async () => {
    githubUser('gh-replay');
    const callback = await authorize();
    const pending = await pendingLogins.takePendingLogin(callback.state ?? '');
    await pendingLogins.savePendingLogin(callback.state ?? '', pending as PendingLogin);
    await oauth.finish(callback, client, log);

    await pendingLogins.savePendingLogin(callback.state ?? '', pending as PendingLogin);
    await expect(oauth.finish(callback, client, log)).rejects.toMatchObject({
      status: 400,
      code: 'oauth_failed',
    });
    const failures = (await auth.services.audit.forProvider('github')).filter(
      (entry) => entry.event === 'login_failure',
    );
    expect(failures.at(-1)).toMatchObject({ userAgent: 'github-test', details: { reason: 'oauth_failed' } });
  });

  it('creates an unverified account when GitHub has not verified the primary email', async () => {
    const person = githubUser('gh-unverified', false);
    github.setUser({
      user: { id: Number(person.id), login: 'gh-unverified', email: person.email },
      emails: [{ email: person.email, primary: true, verified: false }],
    });
    const outcome = await oauth.finish(await authorize(), client, log);
    expect(outcome).toMatchObject({ kind: 'signed_in', user: { email: person.email, emailVerified: false } });
  });
});
