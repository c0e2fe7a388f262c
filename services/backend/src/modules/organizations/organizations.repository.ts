import { and, asc, eq, sql } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { OrgRole } from '#platform/http/roles.js';
import { statementName, type AppDatabase } from '#platform/stores/postgres.js';
import { users } from '#modules/users/users.tables.js';
import { memberships, organizations, type OrganizationRow } from './organizations.tables.js';

export interface OrganizationWithRole extends OrganizationRow {
  role: OrgRole;
}

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: OrgRole;
  joinedAt: Date;
}

/** A change a membership write would make impossible: the last owner leaving or losing ownership. */
export class LastOwnerError extends Error {}

/**
 * The two reads behind nearly every request (the guard's role check, `GET /me`), prepared by name:
 * drizzle builds them once and PostgreSQL parses them once per connection.
 */
function preparedReads(db: AppDatabase) {
  return {
    roleOf: db
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(
          eq(memberships.orgId, sql.placeholder('orgId')),
          eq(memberships.userId, sql.placeholder('userId')),
        ),
      )
      .limit(1)
      .prepare(statementName(db, 'organizations_role_of')),
    listForUser: db
      .select({ org: organizations, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, sql.placeholder('userId')))
      .orderBy(asc(organizations.createdAt), asc(organizations.id))
      .prepare(statementName(db, 'organizations_list_for_user')),
  };
}

/** Every PostgreSQL query on organizations and their memberships. */
export class OrganizationsRepository {
  private readonly reads: ReturnType<typeof preparedReads>;

  constructor(private readonly db: AppDatabase) {
    this.reads = preparedReads(db);
  }

  /** Creates the organization with this slug unless it exists; returns it either way. */
  async ensure(slug: string, name: string): Promise<OrganizationRow> {
    await this.db.insert(organizations).values({ id: newId(), slug, name }).onConflictDoNothing();
    const found = await this.findBySlug(slug);
    if (found === undefined) {
      throw new Error(`organization ${slug} could not be created`);
    }
    return found;
  }

  async findBySlug(slug: string): Promise<OrganizationRow | undefined> {
    const rows = await this.db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
    return rows[0];
  }

  async findById(id: string): Promise<OrganizationRow | undefined> {
    const rows = await this.db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
    return rows[0];
  }

  /** Creates an organization with its first owner in one transaction; undefined when the slug is taken. */
  async createWithOwner(
    org: { name: string; slug: string; personal: boolean },
    ownerId: string,
  ): Promise<OrganizationRow | undefined> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(organizations)
        .values({ id: newId(), ...org })
        .onConflictDoNothing()
        .returning();
      const created = rows[0];
      if (created !== undefined) {
        await tx.insert(memberships).values({ orgId: created.id, userId: ownerId, role: 'owner' });
      }
      return created;
    });
  }

  /** Renames; undefined when the new slug belongs to another organization. */
  async update(id: string, change: { name?: string; slug?: string }): Promise<OrganizationRow | undefined> {
    const rows = await this.db
      .update(organizations)
      .set(change)
      .where(eq(organizations.id, id))
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          return [];
        }
        throw error;
      });
    return rows[0];
  }

  async listForUser(userId: string): Promise<OrganizationWithRole[]> {
    const rows = await this.reads.listForUser.execute({ userId });
    return rows.map((row) => ({ ...row.org, role: row.role }));
  }

  async roleOf(userId: string, orgId: string): Promise<OrgRole | undefined> {
    const rows = await this.reads.roleOf.execute({ orgId, userId });
    return rows[0]?.role;
  }

  async listMembers(orgId: string): Promise<MemberRow[]> {
    return this.db
      .select({
        userId: memberships.userId,
        email: users.email,
        name: users.name,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(asc(memberships.createdAt), asc(memberships.userId));
  }

  /** Adds a member, or raises an existing member to `role` when that is higher; never lowers. */
  async addMember(orgId: string, userId: string, role: OrgRole): Promise<void> {
    await this.db
      .insert(memberships)
      .values({ orgId, userId, role })
      .onConflictDoUpdate({
        target: [memberships.orgId, memberships.userId],
        set: { role, updatedAt: sql`now()` },
        setWhere: sql`array_position(array['viewer','member','admin','owner'], ${memberships.role}) < array_position(array['viewer','member','admin','owner'], excluded.role)`,
      });
  }

  /**
   * Changes a member's role (or removes them with `role` undefined) under a lock on the organization,
   * so two concurrent changes can never leave it without an owner. False when there was no such member.
   */
  async changeMember(orgId: string, userId: string, role: OrgRole | undefined): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select id from ${organizations} where id = ${orgId} for update`);
      const current = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
      if (current[0] === undefined) {
        return false;
      }
      if (current[0].role === 'owner' && role !== 'owner' && (await countOwners(tx, orgId)) <= 1) {
        throw new LastOwnerError();
      }
      const where = and(eq(memberships.orgId, orgId), eq(memberships.userId, userId));
      await (role === undefined
        ? tx.delete(memberships).where(where)
        : tx
            .update(memberships)
            .set({ role, updatedAt: sql`now()` })
            .where(where));
      return true;
    });
  }
}

async function countOwners(db: Pick<AppDatabase, 'select'>, orgId: string): Promise<number> {
  const rows = await db
    .select({ owners: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return rows[0]?.owners ?? 0;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).code ??
    (error as { cause?: { code?: unknown } }).cause?.code;
  return code === '23505';
}
