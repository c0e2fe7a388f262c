/**
 * Tenancy end to end: the auth service and the backend run as their own processes on the run's real
 * stores; people sign up with the auth service and use the backend with its tokens.
 * @module
 */
import { serviceTestEnvironment } from '@netra/test-framework/stores';
import { startServiceProcess, type RunningService } from '@netra/test-framework/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type AuthServiceFixture, type TestUser } from '#test-support/auth-service.js';

let auth: AuthServiceFixture;
let backend: RunningService;

beforeAll(async () => {
  auth = await startAuthService();
  backend = await startServiceProcess({
    service: 'backend',
    environment: serviceTestEnvironment({ overrides: { AUTH_SERVICE_URL: auth.url, LOG_LEVEL: 'warn' } }),
  });
}, 180_000);

afterAll(async () => {
  await backend?.stop();
  await auth?.stop();
});

async function call(user: TestUser, method: string, path: string, body?: unknown) {
  const response = await fetch(`${backend.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, any>) };
}

describe('tenancy flows against the running auth service', () => {
  it('creates a personal organization on the first request, invites, limits a viewer, and keeps an owner', async () => {
    const alice = await auth.register('alice');
    const me = await call(alice, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body?.user).toMatchObject({ id: alice.id, email: alice.email });
    expect(me.body?.organizations).toHaveLength(1);
    const org = me.body?.organizations[0];
    expect(org).toMatchObject({ personal: true, role: 'owner' });
    expect((await call(alice, 'GET', '/me')).body?.organizations).toHaveLength(1);

    const bob = await auth.register('bob');
    const invitation = await call(alice, 'POST', `/orgs/${org.id}/invitations`, {
      email: bob.email,
      role: 'viewer',
    });
    expect(invitation.status).toBe(201);
    expect(invitation.body?.token).toMatch(/^inv_/);
    const accepted = await call(bob, 'POST', `/invitations/${invitation.body?.token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body?.organization).toMatchObject({ id: org.id, role: 'viewer' });
    const again = await call(bob, 'POST', `/invitations/${invitation.body?.token}/accept`);
    expect(again).toMatchObject({ status: 410, body: { error: { code: 'invitation_accepted' } } });

    const thread = await call(alice, 'POST', `/orgs/${org.id}/threads`, {});
    await call(alice, 'POST', `/orgs/${org.id}/threads/${thread.body?.id}/messages`, {
      content: 'Where does our GPT-4o money go?',
    });
    const threads = await call(bob, 'GET', `/orgs/${org.id}/threads`);
    expect(threads.status).toBe(200);
    expect(threads.body?.items[0]).toMatchObject({ title: 'Where does our GPT-4o money go?' });
    const write = await call(bob, 'POST', `/orgs/${org.id}/threads`, {});
    expect(write.status).toBe(403);
    expect(write.body?.error).toMatchObject({ code: 'forbidden' });
    expect(write.body?.error.message).toMatch(/member/);
    expect((await call(bob, 'GET', `/orgs/${org.id}/api-keys`)).status).toBe(403);

    expect((await call(alice, 'PATCH', `/orgs/${org.id}/members/${bob.id}`, { role: 'admin' })).status).toBe(
      200,
    );
    expect((await call(bob, 'GET', `/orgs/${org.id}/api-keys`)).status).toBe(200);
    expect(
      (await call(alice, 'PATCH', `/orgs/${org.id}/members/${bob.id}`, { role: 'viewer' })).body,
    ).toMatchObject({ role: 'viewer' });
    expect((await call(bob, 'GET', `/orgs/${org.id}/api-keys`)).status).toBe(403);

    const lastOwner = await call(alice, 'PATCH', `/orgs/${org.id}/members/${alice.id}`, { role: 'admin' });
    expect(lastOwner).toMatchObject({ status: 409, body: { error: { code: 'last_owner' } } });
    expect((await call(alice, 'DELETE', `/orgs/${org.id}/members/${alice.id}`)).status).toBe(409);
    expect((await call(bob, 'DELETE', `/orgs/${org.id}/members/${alice.id}`)).status).toBe(403);

    expect((await call(alice, 'DELETE', `/orgs/${org.id}/members/${bob.id}`)).status).toBe(204);
    expect((await call(bob, 'GET', `/orgs/${org.id}/threads`)).status).toBe(404);
    expect(
      (await call(bob, 'GET', '/me')).body?.organizations.map((o: { id: string }) => o.id),
    ).not.toContain(org.id);
  });
});
