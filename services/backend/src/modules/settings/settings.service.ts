import type { IngestionPolicy } from '#modules/ingestion/ingest.service.js';
import type { SettingsRepository } from './settings.repository.js';
import type { OrgSettings, UpdateSettingsBody } from './settings.schema.js';
import type { OrgSettingsRow } from './settings.tables.js';

const DAY_MS = 86_400_000;
/** How long another API instance's change may take to reach this one's ingestion. */
const CACHE_MS = 60_000;

const DEFAULTS: OrgSettings = { retention_days: null, store_prompts: false };

function present(row: OrgSettingsRow | undefined): OrgSettings {
  return row === undefined
    ? DEFAULTS
    : { retention_days: row.retentionDays, store_prompts: row.storePrompts };
}

/** Deletes an organization's usage before a cutoff; the usage module's retention implements it. */
export interface UsagePurger {
  /** Whether there was anything to delete. */
  deleteBefore(orgId: string, cutoff: Date): Promise<boolean>;
}

/** An organization's data settings: retention of usage and whether prompt text is kept. */
export class SettingsService {
  private readonly cache = new Map<string, { settings: OrgSettings; until: number }>();

  constructor(
    private readonly repository: SettingsRepository,
    private readonly usage: UsagePurger,
  ) {}

  async get(orgId: string): Promise<OrgSettings> {
    return present(await this.repository.find(orgId));
  }

  async update(orgId: string, body: UpdateSettingsBody): Promise<OrgSettings> {
    const row = await this.repository.upsert(orgId, {
      ...(body.retention_days === undefined ? {} : { retentionDays: body.retention_days }),
      ...(body.store_prompts === undefined ? {} : { storePrompts: body.store_prompts }),
    });
    this.cache.delete(orgId);
    return present(row);
  }

  /** What ingestion applies to the organization's records, cached so a batch costs no PostgreSQL read. */
  async policyOf(orgId: string): Promise<IngestionPolicy> {
    const cached = this.cache.get(orgId);
    if (cached !== undefined && cached.until > Date.now()) {
      return { storePrompts: cached.settings.store_prompts };
    }
    const settings = await this.get(orgId);
    this.cache.set(orgId, { settings, until: Date.now() + CACHE_MS });
    return { storePrompts: settings.store_prompts };
  }

  /**
   * Deletes, for every organization with a retention, its usage older than that many days before
   * `now`. Organizations are done one after the other: each is a mutation of its own. Returns how
   * many organizations had usage deleted.
   */
  async enforceRetention(now = new Date()): Promise<number> {
    let purged = 0;
    for (const { orgId, retentionDays } of await this.repository.withRetention()) {
      const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
      purged += (await this.usage.deleteBefore(orgId, cutoff)) ? 1 : 0;
    }
    return purged;
  }
}
