'use client';

import type { Invitation, OrgRoleName } from '@netra/shared/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Alert, Badge, Button, CopyButton, Select, TextField } from '@/components/ui';
import { invitationLink } from '@/features/invitations';
import { useCurrentOrganization } from '@/lib/auth';
import { useInvitations, useInvite, useRevokeInvitation } from '../hooks/use-members';
import { placeError } from '../lib/field-errors';
import { ROLE_LABELS, assignableRoles, canManageInvitations } from '../lib/roles';
import { ActionError, QueryState, ScrollRegion } from './settings-section';
import styles from './settings.module.css';

const STATUS_TONES = { pending: 'accent', accepted: 'ok', revoked: 'neutral', expired: 'warn' } as const;

/** Invite by email with a role (the link is shown once), and the invitations with revoke. */
export function InvitationsPanel() {
  const { organization } = useCurrentOrganization();
  const actor = organization?.role ?? 'viewer';
  const permission = canManageInvitations(actor);
  return (
    <div className={styles.section}>
      <h3 className={styles.subHeading}>Invitations</h3>
      {permission.allowed ? (
        <>
          <InviteForm actor={actor} />
          <InvitationList />
        </>
      ) : (
        <Alert tone="info">{permission.reason}</Alert>
      )}
    </div>
  );
}

function InviteForm({ actor }: { actor: OrgRoleName }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrgRoleName>('member');
  const invite = useInvite();
  const placed = placeError(invite.error, ['email', 'role']);
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: () => {
          setEmail('');
        },
      },
    );
  };
  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} aria-label="Invite someone">
      <div className={styles.formRow}>
        <TextField
          label="Email to invite"
          type="email"
          name="email"
          autoComplete="off"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={placed.fields.email}
        />
        <Select
          label="Role for the invitee"
          value={role}
          options={assignableRoles(actor).map((value) => ({ value, label: ROLE_LABELS[value] }))}
          onChange={(event) => {
            setRole(event.target.value as OrgRoleName);
          }}
          error={placed.fields.role}
        />
      </div>
      {placed.form === undefined ? null : <Alert tone="bad">{placed.form}</Alert>}
      <div className={styles.actions}>
        <Button type="submit" loading={invite.isPending} disabled={email.trim() === ''}>
          Send invitation
        </Button>
      </div>
      {invite.data === undefined ? null : (
        <Alert tone="ok" title={`Invitation for ${invite.data.email} created`}>
          <p>
            Send them this link: it is shown only now and works until {invite.data.expires_at.slice(0, 10)},
            for {invite.data.email} only.
          </p>
          <InvitationLink token={invite.data.token} />
        </Alert>
      )}
    </form>
  );
}

function InvitationLink({ token }: { token: string }) {
  const link = invitationLink(window.location.origin, token);
  return (
    <>
      <code className={styles.secret} aria-label="Invitation link">
        {link}
      </code>
      <CopyButton text={link} label="Copy invitation link" />
    </>
  );
}

function InvitationList() {
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  if (invitations.data === undefined) {
    return <QueryState isPending={invitations.isPending} error={invitations.error} what="the invitations" />;
  }
  if (invitations.data.items.length === 0) {
    return <p className={styles.note}>No invitations yet. Invite someone by email above.</p>;
  }
  return (
    <>
      <ScrollRegion label="Invitations">
        <table className={styles.table} aria-label="Invitations">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.items.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                invitation={invitation}
                busy={revoke.isPending && revoke.variables === invitation.id}
                onRevoke={() => {
                  revoke.mutate(invitation.id);
                }}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ActionError error={revoke.error} />
    </>
  );
}

function InvitationRow(props: { invitation: Invitation; busy: boolean; onRevoke: () => void }) {
  const { invitation } = props;
  return (
    <tr>
      <td className={styles.wrapAnywhere}>{invitation.email}</td>
      <td>{ROLE_LABELS[invitation.role]}</td>
      <td>
        <Badge tone={STATUS_TONES[invitation.status]}>{invitation.status}</Badge>
      </td>
      <td className={styles.nowrap}>{invitation.expires_at.slice(0, 10)}</td>
      <td>
        {invitation.status === 'pending' ? (
          <Button
            variant="secondary"
            size="sm"
            aria-label={`Revoke the invitation for ${invitation.email}`}
            loading={props.busy}
            onClick={props.onRevoke}
          >
            Revoke
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
