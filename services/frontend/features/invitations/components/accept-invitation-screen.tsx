'use client';

import type { InvitationPreview } from '@netra/shared/contracts';
import Link from 'next/link';
import { Alert, Badge, Button, Card, Spinner } from '@/components/ui';
import { ROLE_LABELS } from '@/features/settings/lib/roles';
import { useAuth, useCurrentOrganization, useSession } from '@/lib/auth';
import { useAcceptInvitation, useInvitationPreview } from '../hooks/use-invitation';
import { invitationVerdict } from '../lib/invitation-verdict';
import styles from './invitations.module.css';

/** `/invitations/<token>`: what the link offers, and accepting it as the person it was sent to. */
export function AcceptInvitationScreen({ token }: { token: string }) {
  const preview = useInvitationPreview(token);
  return (
    <div className={styles.stack}>
      <h1 className={styles.pageTitle}>Invitation</h1>
      {preview.data === undefined ? (
        <PreviewState isPending={preview.isPending} error={preview.error} />
      ) : (
        <InvitationCard token={token} invitation={preview.data} />
      )}
    </div>
  );
}

function PreviewState({ isPending, error }: { isPending: boolean; error: Error | null }) {
  if (error === null) {
    return isPending ? <Spinner label="Loading the invitation" /> : null;
  }
  return (
    <Alert tone="bad" title="This invitation link does not work">
      {error.message}. Check that the whole link was copied, or ask for a new invitation.
    </Alert>
  );
}

function InvitationCard({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitation(token);
  const { user } = useSession();
  const { organizations } = useCurrentOrganization();
  const verdict = invitationVerdict(invitation, {
    email: user?.email ?? '',
    memberOf: organizations.map((organization) => organization.id),
  });
  return (
    <Card title={`Join ${invitation.organization.name}`}>
      <InvitationFacts invitation={invitation} />
      {accept.isSuccess ? (
        <Joined name={invitation.organization.name} />
      ) : (
        <Verdict verdict={verdict} invitation={invitation} />
      )}
      {accept.error === null ? null : (
        <Alert tone="bad" title="Could not accept the invitation">
          {accept.error.message}
        </Alert>
      )}
      {verdict.kind === 'acceptable' && !accept.isSuccess ? (
        <div className={styles.actions}>
          <Button
            loading={accept.isPending}
            onClick={() => {
              accept.mutate();
            }}
          >
            Accept invitation
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

function InvitationFacts({ invitation }: { invitation: InvitationPreview }) {
  return (
    <dl className={styles.facts}>
      <dt>Sent to</dt>
      <dd>{invitation.email}</dd>
      <dt>Role</dt>
      <dd>{ROLE_LABELS[invitation.role]}</dd>
      <dt>Status</dt>
      <dd>
        <Badge tone={invitation.status === 'pending' ? 'accent' : 'neutral'}>{invitation.status}</Badge>
      </dd>
      <dt>Expires</dt>
      <dd>{invitation.expires_at.slice(0, 10)}</dd>
    </dl>
  );
}

function Joined({ name }: { name: string }) {
  return (
    <Alert tone="ok" title={`You joined ${name}`}>
      <p>
        The app now acts in {name}. <Link href="/dashboard">Open its dashboard</Link>
      </p>
    </Alert>
  );
}

function Verdict(props: { verdict: ReturnType<typeof invitationVerdict>; invitation: InvitationPreview }) {
  const { verdict, invitation } = props;
  const { signOut } = useAuth();
  switch (verdict.kind) {
    case 'acceptable':
      return verdict.alreadyMember ? (
        <Alert tone="info">
          You already belong to {invitation.organization.name}; accepting keeps your role if it is higher.
        </Alert>
      ) : null;
    case 'ended':
      return (
        <Alert tone="warn" title={`This invitation was ${invitation.status}`}>
          It can no longer be accepted; ask an admin of {invitation.organization.name} for a new one.
        </Alert>
      );
    case 'other_email':
      return (
        <Alert tone="warn" title="This invitation is for another email address">
          <p>
            It was sent to {invitation.email}, and you are signed in as {verdict.signedInAs}. Sign in with{' '}
            {invitation.email} (or create an account with it) to accept.
          </p>
          <Button variant="secondary" onClick={() => void signOut()}>
            Sign out
          </Button>
        </Alert>
      );
  }
}
