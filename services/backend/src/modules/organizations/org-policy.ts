import type { IngestionPolicy } from '#modules/ingestion/ingest.service.js';
import type { OrganizationsRepository } from './organizations.repository.js';

const CACHE_MS = 60_000;

/**
 * Organization policies ingestion applies per batch, cached for a minute so a busy ingestion client
 * does not cost a PostgreSQL read per request. Prompt text is kept only when an organization opts in.
 */
export class OrgPolicies {
  private readonly cache = new Map<string, { policy: IngestionPolicy; until: number }>();

  constructor(private readonly organizations: OrganizationsRepository) {}

  async policyOf(orgId: string): Promise<IngestionPolicy> {
    const cached = this.cache.get(orgId);
    if (cached !== undefined && cached.until > Date.now()) {
      return cached.policy;
    }
    const org = await this.organizations.findById(orgId);
    const policy = { storePrompts: org?.settings.store_prompts === true };
    this.cache.set(orgId, { policy, until: Date.now() + CACHE_MS });
    return policy;
  }
}
