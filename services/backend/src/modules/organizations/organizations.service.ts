import { randomBytes } from 'node:crypto';
import { AppError } from '@netra/shared';
import type { OrgPrincipal, Principal } from '#platform/http/current-user.js';
import { requireRole, type OrgRole } from '#platform/http/roles.js';
import { DEVELOPMENT_ORG } from './development-org.js';
import {
  LastOwnerError,
  type MemberRow,
  type OrganizationsRepository,
  type OrganizationWithRole,
} from './organizations.repository.js';

export interface OrganizationsOptions {
  /** In development, the account of `/auth/dev/login`: made an owner of the development organization. */
  developmentOwnerEmail: string | undefined;
}

const notFound = () => new AppError(404, 'not_found', 'Organization not found');
const slugTaken = (slug: string) =>
  new AppError(409, 'slug_taken', `The slug "${slug}" is taken`, { field: 'body.slug' });
const memberNotFound = () => new AppError(404, 'not_found', 'Member not found');
const lastOwner = () =>
  new AppError(409, 'last_owner', 'An organization keeps at least one owner: make someone else owner first');

export type { OrganizationWithRole } from './organizations.repository.js';

/** Lowercase words joined by hyphens, plus a random tail so generated slugs rarely collide. */
function generatedSlug(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36);
  return `${base === '' ? 'org' : base}-${randomBytes(3).toString('hex')}`;
}

/** Organizations, their members and the rules on roles (at least one owner always remains). */
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly options: OrganizationsOptions,
  ) {}

  /** What a person's first visits create: a personal organization, and in development the dev ownership. */
  async welcome(principal: Principal, firstVisit: boolean): Promise<void> {
    if (firstVisit) {
      const name = `${principal.name ?? principal.email.split('@')[0] ?? 'My'}'s organization`;
      await this.createFor(principal.userId, name, undefined, true);
    }
    const devEmail = this.options.developmentOwnerEmail;
    if (devEmail !== undefined && principal.email.toLowerCase() === devEmail.toLowerCase()) {
      const org = await this.organizations.ensure(DEVELOPMENT_ORG.slug, DEVELOPMENT_ORG.name);
      await this.organizations.addMember(org.id, principal.userId, 'owner');
    }
  }

  listMine(userId: string): Promise<OrganizationWithRole[]> {
    return this.organizations.listForUser(userId);
  }

  roleOf(userId: string, orgId: string): Promise<OrgRole | undefined> {
    return this.organizations.roleOf(userId, orgId);
  }

  async create(
    principal: Principal,
    body: { name: string; slug?: string | undefined },
  ): Promise<OrganizationWithRole> {
    return this.createFor(principal.userId, body.name, body.slug, false);
  }

  async get(actor: OrgPrincipal): Promise<OrganizationWithRole> {
    const org = await this.organizations.findById(actor.orgId);
    if (org === undefined) {
      throw notFound();
    }
    return { ...org, role: actor.role };
  }

  async update(actor: OrgPrincipal, change: { name?: string | undefined; slug?: string | undefined }) {
    const fields = {
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.slug === undefined ? {} : { slug: change.slug }),
    };
    const org = await this.organizations.update(actor.orgId, fields);
    if (org === undefined) {
      throw slugTaken(change.slug ?? '');
    }
    return { ...org, role: actor.role };
  }

  listMembers(orgId: string): Promise<MemberRow[]> {
    return this.organizations.listMembers(orgId);
  }

  /** Admins manage viewers, members and admins; only owners grant or take ownership. */
  async changeRole(actor: OrgPrincipal, userId: string, role: OrgRole): Promise<MemberRow> {
    const current = await this.organizations.roleOf(userId, actor.orgId);
    if (current === undefined) {
      throw memberNotFound();
    }
    if (current === 'owner' || role === 'owner') {
      requireRole(actor.role, 'owner');
    }
    await this.change(actor.orgId, userId, role);
    const member = (await this.listMembers(actor.orgId)).find((row) => row.userId === userId);
    if (member === undefined) {
      throw memberNotFound();
    }
    return member;
  }

  /** Anyone may leave; removing someone else takes an admin, and an owner takes an owner. */
  async remove(actor: OrgPrincipal, userId: string): Promise<void> {
    const current = await this.organizations.roleOf(userId, actor.orgId);
    if (current === undefined) {
      throw memberNotFound();
    }
    if (userId !== actor.userId) {
      requireRole(actor.role, current === 'owner' ? 'owner' : 'admin');
    }
    await this.change(actor.orgId, userId, undefined);
  }

  /** An organization's id and name, for someone not yet in it (an invitation's preview). */
  async nameOf(orgId: string): Promise<{ id: string; name: string }> {
    const org = await this.organizations.findById(orgId);
    if (org === undefined) {
      throw notFound();
    }
    return { id: org.id, name: org.name };
  }

  /** Joins a person to an organization (an accepted invitation); an existing member is never demoted. */
  async addMember(orgId: string, userId: string, role: OrgRole): Promise<OrganizationWithRole> {
    await this.organizations.addMember(orgId, userId, role);
    const org = await this.organizations.findById(orgId);
    const actual = await this.organizations.roleOf(userId, orgId);
    if (org === undefined || actual === undefined) {
      throw notFound();
    }
    return { ...org, role: actual };
  }

  private async change(orgId: string, userId: string, role: OrgRole | undefined): Promise<void> {
    try {
      if (!(await this.organizations.changeMember(orgId, userId, role))) {
        throw memberNotFound();
      }
    } catch (error) {
      throw error instanceof LastOwnerError ? lastOwner() : error;
    }
  }

  private async createFor(userId: string, name: string, slug: string | undefined, personal: boolean) {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const chosen = slug ?? generatedSlug(name);
      const org = await this.organizations.createWithOwner({ name, slug: chosen, personal }, userId);
      if (org !== undefined) {
        return { ...org, role: 'owner' as const };
      }
      if (slug !== undefined) {
        throw slugTaken(slug);
      }
    }
    throw new Error('could not find a free organization slug');
  }
}
