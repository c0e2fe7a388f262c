/**
 * Tenancy end to end: the auth service and the backend run as their own processes on the run's real
 * stores; people sign up with the auth service and use the backend with its tokens.
 * @module
 */
import type { ErrorBody } from '@netra/shared';
import {
  acceptedInvitationSchema,
  invitationPreviewSchema,
  createdInvitationSchema,
  meSchema,
  memberSchema,
  pageSchema,
  threadSchema,
} from '@netra/shared/contracts';
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
  await backend.stop();
  await auth.stop();
});

interface Answer {
  status: number;
  body: unknown;
}

async function call(user: TestUser, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${backend.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

function errorCode(answer: Answer): string | undefined {
  return (answer.body as Partial<ErrorBody> | null)?.error?.code;
}

describe('tenancy flows against the running auth service', () => {
  it('creates a personal organization on the first request, invites, limits a viewer, and keeps an owner', async () => {
    const alice = await auth.register('alice');
    const me = meSchema.parse((await call(alice, 'GET', '/me')).body);
    expect(me.user).toMatchObject({ id: alice.id, email: alice.email });
    expect(me.organizations).toHaveLength(1);
    const org = me.organizations[0];
    expect(org).toMatchObject({ personal: true, role: 'owner' });
    const orgId = org?.id ?? '';
    expect(meSchema.parse((await call(alice, 'GET', '/me')).body).organizations).toHaveLength(1);

    const bob = await auth.register('bob');
    const invited = await call(alice, 'POST', `/orgs/${orgId}/invitations`, {
      email: bob.email,
      role: 'viewer',
    });
    expect(invited.status).toBe(201);
    const { token } = createdInvitationSchema.parse(invited.body);
    expect(token).toMatch(/^inv_/);
    const preview = await call(bob, 'GET', `/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(invitationPreviewSchema.parse(preview.body)).toMatchObject({
      organization: { id: orgId, name: org?.name },
      email: bob.email.toLowerCase(),
      role: 'viewer',
      status: 'pending',
    });
    const malformed = await call(bob, 'GET', '/invitations/not%20a%20token');
    expect([malformed.status, errorCode(malformed)]).toEqual([400, 'validation_failed']);
    expect((malformed.body as ErrorBody).error.message).toMatch(/token/);
    const accepted = await call(bob, 'POST', `/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(acceptedInvitationSchema.parse(accepted.body).organization).toMatchObject({
      id: orgId,
      role: 'viewer',
    });
    const again = await call(bob, 'POST', `/invitations/${token}/accept`);
    expect([again.status, errorCode(again)]).toEqual([410, 'invitation_accepted']);
    const used = invitationPreviewSchema.parse((await call(bob, 'GET', `/invitations/${token}`)).body);
    expect(used.status).toBe('accepted');

    const thread = threadSchema.parse((await call(alice, 'POST', `/orgs/${orgId}/threads`, {})).body);
    const question = 'Where does our GPT-4o money go?';
    await call(alice, 'POST', `/orgs/${orgId}/threads/${thread.id}/messages`, { content: question });
    const listed = await call(bob, 'GET', `/orgs/${orgId}/threads`);
    expect(listed.status).toBe(200);
    expect(pageSchema(threadSchema).parse(listed.body).items[0]).toMatchObject({ title: question });
    const write = await call(bob, 'POST', `/orgs/${orgId}/threads`, {});
    expect([write.status, errorCode(write)]).toEqual([403, 'forbidden']);
    expect((write.body as ErrorBody).error.message).toMatch(/member/);
    expect((await call(bob, 'GET', `/orgs/${orgId}/api-keys`)).status).toBe(403);

    expect((await call(alice, 'PATCH', `/orgs/${orgId}/members/${bob.id}`, { role: 'admin' })).status).toBe(
      200,
    );
    expect((await call(bob, 'GET', `/orgs/${orgId}/api-keys`)).status).toBe(200);
    const demoted = await call(alice, 'PATCH', `/orgs/${orgId}/members/${bob.id}`, { role: 'viewer' });
    expect(memberSchema.parse(demoted.body).role).toBe('viewer');
    expect((await call(bob, 'GET', `/orgs/${orgId}/api-keys`)).status).toBe(403);

    const lastOwner = await call(alice, 'PATCH', `/orgs/${orgId}/members/${alice.id}`, { role: 'admin' });
    expect([lastOwner.status, errorCode(lastOwner)]).toEqual([409, 'last_owner']);
    expect((await call(alice, 'DELETE', `/orgs/${orgId}/members/${alice.id}`)).status).toBe(409);
    expect((await call(bob, 'DELETE', `/orgs/${orgId}/members/${alice.id}`)).status).toBe(403);

    expect((await call(alice, 'DELETE', `/orgs/${orgId}/members/${bob.id}`)).status).toBe(204);
    expect((await call(bob, 'GET', `/orgs/${orgId}/threads`)).status).toBe(404);
    const bobsOrgs = meSchema
      .parse((await call(bob, 'GET', '/me')).body)
      .organizations.map((item) => item.id);
    expect(bobsOrgs).not.toContain(orgId);
  });
});
