import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { OrgRole } from '#platform/http/roles.js';
import { insertedRow, type AppDatabase } from '#platform/stores/postgres.js';
import { invitations, type InvitationRow } from './invitations.tables.js';

export interface NewInvitation {
  orgId: string;
  email: string;
  role: OrgRole;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

/** Every PostgreSQL query on invitations. */
export class InvitationsRepository {
  constructor(private readonly db: AppDatabase) {}

  async insert(invitation: NewInvitation): Promise<InvitationRow> {
    const rows = await this.db
      .insert(invitations)
      .values({ id: newId(), ...invitation })
      .returning();
    return insertedRow(rows, 'invitation');
  }

  async list(orgId: string): Promise<InvitationRow[]> {
    return this.db
      .select()
      .from(invitations)
      .where(eq(invitations.orgId, orgId))
      .orderBy(desc(invitations.createdAt), desc(invitations.id));
  }

  async findByTokenHash(tokenHash: string): Promise<InvitationRow | undefined> {
    const rows = await this.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenHash))
      .limit(1);
    return rows[0];
  }

  /** Revokes a pending invitation of this organization; false when there was none. */
  async revoke(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.id, id),
          isNull(invitations.revokedAt),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning({ id: invitations.id });
    return rows.length === 1;
  }

  /** Marks it accepted unless it was used, revoked or expired meanwhile: a token works exactly once. */
  async markAccepted(id: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: userId })
      .where(
        and(
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      )
      .returning({ id: invitations.id });
    return rows.length === 1;
  }

  /** Deletes invitations that expired or were revoked before `before`; returns how many. */
  async purgeEnded(before: Date): Promise<number> {
    const rows = await this.db
      .delete(invitations)
      .where(
        and(
          isNull(invitations.acceptedAt),
          or(lt(invitations.expiresAt, before), lt(invitations.revokedAt, before)),
        ),
      )
      .returning({ id: invitations.id });
    return rows.length;
  }
}
