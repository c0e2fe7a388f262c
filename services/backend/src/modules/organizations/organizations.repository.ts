import { eq } from 'drizzle-orm';
import { newId } from '@netra/shared';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { organizations, type OrganizationRow } from './organizations.tables.js';

/** Every PostgreSQL query on organizations. */
export class OrganizationsRepository {
  constructor(private readonly db: AppDatabase) {}

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
}
