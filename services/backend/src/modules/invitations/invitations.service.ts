import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@netra/shared';
import type { Invitation, InvitationPreview } from '@netra/shared/contracts';
import type { OrgPrincipal, Principal } from '#platform/http/current-user.js';
import { requireRole, type OrgRole } from '#platform/http/roles.js';
import type {
  OrganizationsService,
  OrganizationWithRole,
} from '#modules/organizations/organizations.service.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { InvitationRow } from './invitations.tables.js';

const DAY_MS = 86_400_000;
/** Ended invitations are kept this long for the record, then purged by the worker's housekeeping. */
const KEEP_ENDED_MS = 30 * DAY_MS;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function invitationStatus(row: InvitationRow, now = new Date()): Invitation['status'] {
  if (row.acceptedAt !== null) {
    return 'accepted';
  }
  if (row.revokedAt !== null) {
    return 'revoked';
  }
  return row.expiresAt <= now ? 'expired' : 'pending';
}

const invitationNotFound = () => new AppError(404, 'not_found', 'Invitation not found');

/** Invitations: created by admins, single use, expiring, accepted by the person they were sent to. */
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The token is returned here only: it is what the invitee's link carries. */
  async create(actor: OrgPrincipal, body: { email: string; role: OrgRole; expires_in_days: number }) {
    if (body.role === 'owner') {
      requireRole(actor.role, 'owner');
    }
    const token = `inv_${randomBytes(24).toString('base64url')}`;
    const row = await this.invitations.insert({
      orgId: actor.orgId,
      email: body.email.toLowerCase(),
      role: body.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + body.expires_in_days * DAY_MS),
    });
    return { row, token };
  }

  list(orgId: string): Promise<InvitationRow[]> {
    return this.invitations.list(orgId);
  }

  async revoke(actor: OrgPrincipal, id: string): Promise<void> {
    if (!(await this.invitations.revoke(actor.orgId, id))) {
      throw invitationNotFound();
    }
  }

  /**
   * What the invitation's link shows before it is accepted. The token is the secret that entitles
   * its holder to see the organization's name, as accepting it would show.
   */
  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.findByToken(token);
    return {
      organization: await this.organizations.nameOf(row.orgId),
      email: row.email,
      role: row.role,
      status: invitationStatus(row),
      expires_at: row.expiresAt.toISOString(),
    };
  }

  /** Joins the caller to the organization with the invited role; the invitation must name their email. */
  async accept(principal: Principal, token: string): Promise<OrganizationWithRole> {
    const row = await this.findByToken(token);
    const status = invitationStatus(row);
    if (status !== 'pending') {
      throw new AppError(410, `invitation_${status}`, `This invitation was already ${status}`);
    }
    if (row.email !== principal.email.toLowerCase()) {
      throw new AppError(
        403,
        'invitation_email_mismatch',
        'This invitation was sent to another email address',
      );
    }
    if (!(await this.invitations.markAccepted(row.id, principal.userId))) {
      throw new AppError(410, 'invitation_accepted', 'This invitation was already used');
    }
    return this.organizations.addMember(row.orgId, principal.userId, row.role);
  }

  private async findByToken(token: string): Promise<InvitationRow> {
    const row = await this.invitations.findByTokenHash(hashToken(token));
    if (row === undefined) {
      throw invitationNotFound();
    }
    return row;
  }

  /** Housekeeping: forget invitations that ended long ago. */
  purgeEnded(): Promise<number> {
    return this.invitations.purgeEnded(new Date(Date.now() - KEEP_ENDED_MS));
  }
}
