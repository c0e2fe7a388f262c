import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { startBackendTestApp, type BackendTestApp } from '#test-support/backend-app.js';
import { testPerson } from '#test-support/people.js';

let test: BackendTestApp;
let admin: OrgPrincipal;

beforeAll(async () => {
  test = await startBackendTestApp();
  const owner = await testPerson(test, 'owner');
  const org = await test.backend.services.organizations.create(owner, { name: 'Invitations' });
  admin = { ...owner, orgId: org.id, role: 'admin' };
});

afterAll(async () => {
  await test.close();
});

const invitations = () => test.backend.services.invitations;

describe('invitations', () => {
  it('is accepted once, by the person it names (email case aside), with its role', async () => {
    const invitee = await testPerson(test, 'invitee');
    const { token } = await invitations().create(admin, {
      email: invitee.email,
      role: 'member',
      expires_in_days: 7,
    });
    const stranger = await testPerson(test, 'stranger');
    await expect(invitations().accept(stranger, token)).rejects.toMatchObject({
      status: 403,
      code: 'invitation_email_mismatch',
    });
    const org = await invitations().accept({ ...invitee, email: invitee.email.toUpperCase() }, token);
    expect(org).toMatchObject({ id: admin.orgId, role: 'member' });
    await expect(invitations().accept(invitee, token)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_accepted',
    });
  });

  it('refuses revoked, expired and unknown tokens; only an owner invites owners', async () => {
    const invitee = await testPerson(test, 'late');
    const revoked = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: 7,
    });
    await invitations().revoke(admin, revoked.row.id);
    await expect(invitations().accept(invitee, revoked.token)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_revoked',
    });
    const expired = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: -1,
    });
    await expect(invitations().accept(invitee, expired.token)).rejects.toMatchObject({
      status: 410,
      code: 'invitation_expired',
    });
    await expect(invitations().accept(invitee, 'inv_unknown')).rejects.toMatchObject({ status: 404 });
    await expect(
      invitations().create(admin, { email: invitee.email, role: 'owner', expires_in_days: 7 }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(invitations().revoke(admin, revoked.row.id)).rejects.toMatchObject({ status: 404 });
  });

  it('previews a link before it is accepted: organization, email, role and status; unknown tokens are 404', async () => {
    const invitee = await testPerson(test, 'previewer');
    const { token, row } = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: 7,
    });
    expect(await invitations().preview(token)).toEqual({
      organization: { id: admin.orgId, name: 'Invitations' },
      email: invitee.email.toLowerCase(),
      role: 'viewer',
      status: 'pending',
      expires_at: row.expiresAt.toISOString(),
    });
    await invitations().revoke(admin, row.id);
    expect(await invitations().preview(token)).toMatchObject({ status: 'revoked' });
    await expect(invitations().preview('inv_unknown')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('never demotes an existing member who accepts a weaker invitation', async () => {
    const invitee = await testPerson(test, 'existing');
    await test.backend.services.organizations.addMember(admin.orgId, invitee.userId, 'admin');
    const { token } = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: 7,
    });
    expect(await invitations().accept(invitee, token)).toMatchObject({ role: 'admin' });
  });

  it('housekeeping forgets invitations that ended more than 30 days ago, and only those', async () => {
    const invitee = await testPerson(test, 'old');
    const ancient = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: -31,
    });
    const recent = await invitations().create(admin, {
      email: invitee.email,
      role: 'viewer',
      expires_in_days: -1,
    });
    expect(await invitations().purgeEnded()).toBeGreaterThanOrEqual(1);
    const ids = (await invitations().list(admin.orgId)).map((row) => row.id);
    expect(ids).not.toContain(ancient.row.id);
    expect(ids).toContain(recent.row.id);
  });
});
