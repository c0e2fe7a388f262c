import { z } from 'zod';
import type { Member, Organization } from '@netra/shared/contracts';
import type { MemberRow, OrganizationWithRole } from './organizations.repository.js';

export {
  createOrganizationBodySchema,
  memberSchema,
  organizationSchema,
  updateMemberBodySchema,
  updateOrganizationBodySchema,
} from '@netra/shared/contracts';

export const orgParamsSchema = z.object({ org_id: z.string() });
export const memberParamsSchema = orgParamsSchema.extend({
  user_id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.@:-]+$/, 'not a user id'),
});

export function presentOrganization(org: OrganizationWithRole): Organization {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    personal: org.personal,
    created_at: org.createdAt.toISOString(),
    role: org.role,
  };
}

export function presentMember(member: MemberRow): Member {
  return {
    user_id: member.userId,
    email: member.email,
    name: member.name,
    role: member.role,
    joined_at: member.joinedAt.toISOString(),
  };
}
