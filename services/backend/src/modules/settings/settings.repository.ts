import { eq, isNotNull, sql } from 'drizzle-orm';
import type { AppDatabase } from '#platform/stores/postgres.js';
import { orgSettings, type OrgSettingsRow } from './settings.tables.js';

export interface SettingsChange {
  retentionDays?: number | null;
  storePrompts?: boolean;
}

/** Every PostgreSQL query on organization settings. */
export class SettingsRepository {
  constructor(private readonly db: AppDatabase) {}

  async find(orgId: string): Promise<OrgSettingsRow | undefined> {
    const rows = await this.db.select().from(orgSettings).where(eq(orgSettings.orgId, orgId)).limit(1);
    return rows[0];
  }

  /** Writes the given fields, creating the row with the defaults for the others. */
  async upsert(orgId: string, change: SettingsChange): Promise<OrgSettingsRow> {
    const rows = await this.db
      .insert(orgSettings)
      .values({ orgId, ...change })
      .onConflictDoUpdate({ target: orgSettings.orgId, set: { ...change, updatedAt: sql`now()` } })
      .returning();
    const [row] = rows;
    if (row === undefined) {
      throw new Error('settings upsert returned no row');
    }
    return row;
  }

  /** The organizations that keep usage for a limited time. */
  async withRetention(): Promise<{ orgId: string; retentionDays: number }[]> {
    const rows = await this.db
      .select({ orgId: orgSettings.orgId, retentionDays: orgSettings.retentionDays })
      .from(orgSettings)
      .where(isNotNull(orgSettings.retentionDays));
    return rows.flatMap((row) =>
      row.retentionDays === null ? [] : [{ orgId: row.orgId, retentionDays: row.retentionDays }],
    );
  }
}
