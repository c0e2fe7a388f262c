import { z } from 'zod';
import type { Invitation } from '@netra/shared/contracts';
import { invitationStatus } from './invitations.service.js';
import type { InvitationRow } from './invitations.tables.js';

export {
  acceptedInvitationSchema,
  createInvitationBodySchema,
  createdInvitationSchema,
  invitationPreviewSchema,
  invitationSchema,
} from '@netra/shared/contracts';

export const invitationParamsSchema = z.object({ org_id: z.string(), id: z.uuid() });
/** The path of an invitation's link: its token. */
export const tokenParamsSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w-]+$/, 'not an invitation token'),
});

export function presentInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    invited_by: row.invitedBy,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}
