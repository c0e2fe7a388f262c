'use client';

import type { Member, OrgRoleName } from '@netra/shared/contracts';
import { Badge, Button, Select } from '@/components/ui';
import { useCurrentOrganization, useSession } from '@/lib/auth';
import { useChangeRole, useMembers, useRemoveMember } from '../hooks/use-members';
import {
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  assignableRoles,
  atLeast,
  canChangeRole,
  canRemove,
} from '../lib/roles';
import { InvitationsPanel } from './invitations-panel';
import { ActionError, QueryState, ScrollRegion, SettingsSection } from './settings-section';
import styles from './settings.module.css';

/** Members with their roles (change, remove), then invitations. */
export function MembersSection() {
  return (
    <SettingsSection slug="members" needsOrganization>
      <MembersTable />
      <InvitationsPanel />
    </SettingsSection>
  );
}

function MembersTable() {
  const members = useMembers();
  const { organization } = useCurrentOrganization();
  const { user } = useSession();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const actor = organization?.role ?? 'viewer';
  return (
    <div className={styles.section}>
      <h3 className={styles.subHeading}>People in this organization</h3>
      <p className={styles.note}>
        Your role here: <Badge tone="accent">{ROLE_LABELS[actor]}</Badge> — {ROLE_DESCRIPTIONS[actor]}.
      </p>
      {atLeast(actor, 'admin') ? null : (
        <p className={styles.note}>
          Only admins and owners can change roles or remove members; you can leave.
        </p>
      )}
      <QueryState isPending={members.isPending} error={members.error} what="the members" />
      {members.data === undefined ? null : (
        <ScrollRegion label="Members">
          <table className={styles.table} aria-label="Members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((member) => (
                <MemberRow
                  key={member.user_id}
                  member={member}
                  actor={actor}
                  isSelf={member.user_id === user?.id}
                  onRole={(role) => {
                    changeRole.mutate({ userId: member.user_id, role });
                  }}
                  onRemove={() => {
                    remove.mutate(member.user_id);
                  }}
                  busy={
                    (changeRole.isPending && changeRole.variables.userId === member.user_id) ||
                    (remove.isPending && remove.variables === member.user_id)
                  }
                />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <ActionError error={changeRole.error ?? remove.error} />
    </div>
  );
}

function MemberRow(props: {
  member: Member;
  actor: OrgRoleName;
  isSelf: boolean;
  busy: boolean;
  onRole: (role: OrgRoleName) => void;
  onRemove: () => void;
}) {
  const { member, actor, isSelf } = props;
  const who = member.name ?? member.email;
  const rolePermission = canChangeRole(actor, member.role);
  const removePermission = canRemove(actor, member.role, isSelf);
  const roles = rolePermission.allowed ? assignableRoles(actor) : [member.role];
  return (
    <tr>
      <td>
        {member.name ?? <span className={styles.muted}>—</span>} {isSelf ? <Badge>you</Badge> : null}
      </td>
      <td className={styles.wrapAnywhere}>{member.email}</td>
      <td className={styles.cellSelect}>
        <Select
          label={`Role of ${who}`}
          value={member.role}
          options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          disabled={!rolePermission.allowed || props.busy}
          title={rolePermission.allowed ? undefined : rolePermission.reason}
          // The general refusal is said once above the table; a row says only its own (an owner's row to an admin).
          hint={rolePermission.allowed || !atLeast(actor, 'admin') ? undefined : rolePermission.reason}
          onChange={(event) => {
            props.onRole(event.target.value as OrgRoleName);
          }}
        />
      </td>
      <td className={styles.nowrap}>{member.joined_at.slice(0, 10)}</td>
      <td>
        <Button
          variant="danger"
          size="sm"
          aria-label={isSelf ? 'Leave the organization' : `Remove ${who}`}
          title={removePermission.allowed ? undefined : removePermission.reason}
          disabled={!removePermission.allowed || props.busy}
          loading={props.busy}
          onClick={() => {
            const question = isSelf ? 'Leave this organization?' : `Remove ${who} from this organization?`;
            if (window.confirm(question)) {
              props.onRemove();
            }
          }}
        >
          {isSelf ? 'Leave' : 'Remove'}
        </Button>
      </td>
    </tr>
  );
}
