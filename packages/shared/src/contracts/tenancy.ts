import { z } from 'zod';
import { plainText } from './text.js';

export const orgRoleSchema = z.enum(['viewer', 'member', 'admin', 'owner']);
export type OrgRoleName = z.infer<typeof orgRoleSchema>;

const isoDate = z.iso.datetime({ offset: true });
const slug = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens');

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable() });

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  personal: z.boolean(),
  created_at: isoDate,
  /** The caller's role in it. */
  role: orgRoleSchema,
});
export type Organization = z.infer<typeof organizationSchema>;

export const meSchema = z.object({ user: userSchema, organizations: z.array(organizationSchema) });
export type Me = z.infer<typeof meSchema>;

export const createOrganizationBodySchema = z.object({
  name: plainText({ min: 1, max: 100 }),
  slug: slug.optional(),
});
export const updateOrganizationBodySchema = z
  .object({ name: plainText({ min: 1, max: 100 }).optional(), slug: slug.optional() })
  .refine((body) => body.name !== undefined || body.slug !== undefined, {
    message: 'name or slug is required',
  });

export const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: orgRoleSchema,
  joined_at: isoDate,
});
export type Member = z.infer<typeof memberSchema>;
export const updateMemberBodySchema = z.object({ role: orgRoleSchema });

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: orgRoleSchema,
  status: invitationStatusSchema,
  invited_by: z.string().nullable(),
  created_at: isoDate,
  expires_at: isoDate,
});
export type Invitation = z.infer<typeof invitationSchema>;
export const createInvitationBodySchema = z.object({
  email: z.email().max(320),
  role: orgRoleSchema.default('member'),
  expires_in_days: z.number().int().min(1).max(30).default(7),
});
/** The token is in the create response only; it is what the invitee's link carries. */
export const createdInvitationSchema = invitationSchema.extend({ token: z.string() });
export const acceptedInvitationSchema = z.object({ organization: organizationSchema });
/**
 * What an invitation's link shows the person holding it before they accept: which organization,
 * for which email, with which role, and whether it can still be accepted.
 */
export const invitationPreviewSchema = z.object({
  organization: z.object({ id: z.uuid(), name: z.string() }),
  email: z.string(),
  role: orgRoleSchema,
  status: invitationStatusSchema,
  expires_at: isoDate,
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  created_by: z.string().nullable(),
  created_at: isoDate,
  last_used_at: isoDate.nullable(),
  revoked_at: isoDate.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const createApiKeyBodySchema = z.object({ name: plainText({ min: 1, max: 100 }) });
/** The key itself appears in this response only; only a hash is stored. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
