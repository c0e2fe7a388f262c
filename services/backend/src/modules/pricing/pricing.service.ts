import { AppError } from '@netra/shared';
import type { PriceCatalog } from '@netra/optimizer';
import type { OrgPrincipal } from '#platform/http/current-user.js';
import { assertNoOverlap, assertRange, overrideTarget, type Range } from './override-rules.js';
import { OverrideTimeline, type TimedOverride } from './override-timeline.js';
import type { PricingRepository } from './pricing.repository.js';
import type { CreatePriceOverrideBody, UpdatePriceOverrideBody } from './pricing.schema.js';
import type { PriceOverrideRow } from './pricing.tables.js';

/**
 * How long another instance's change may take to reach this one's ingestion. Changes made through
 * this instance apply at once (the cache entry is dropped); other API instances read them again
 * within this time.
 */
const CACHE_MS = 60_000;
/** Organizations whose time lines are kept; beyond it the cache starts over (bounded memory). */
const MAX_CACHED_ORGS = 2_000;

const notFound = () => new AppError(404, 'not_found', 'Price override not found');
const epoch = (value: Date | null) => (value === null ? null : value.getTime());
const dateOf = (value: string | null) => (value === null ? null : new Date(value));

export function timedOverride(row: PriceOverrideRow): TimedOverride & { id: string } {
  return { id: row.id, spec: row.spec, fromMs: epoch(row.effectiveFrom), toMs: epoch(row.effectiveTo) };
}

/** An organization's price overrides: kept, checked against each other, and priced with. */
export class PricingService {
  private readonly cache = new Map<string, { timeline: OverrideTimeline; until: number }>();

  constructor(
    private readonly repository: PricingRepository,
    /** The catalog without overrides, shared by every organization that has none. */
    private readonly base: PriceCatalog,
  ) {}

  list(orgId: string): Promise<PriceOverrideRow[]> {
    return this.repository.list(orgId);
  }

  async create(actor: OrgPrincipal, body: CreatePriceOverrideBody): Promise<PriceOverrideRow> {
    const values = {
      spec: body.override,
      target: overrideTarget(body.override),
      effectiveFrom: dateOf(body.effective_from ?? null),
      effectiveTo: dateOf(body.effective_to ?? null),
    };
    await this.check(actor.orgId, values);
    const row = await this.repository.insert(actor.orgId, values, actor.userId);
    this.cache.delete(actor.orgId);
    return row;
  }

  async update(orgId: string, id: string, body: UpdatePriceOverrideBody): Promise<PriceOverrideRow> {
    const current = await this.repository.find(orgId, id);
    if (current === undefined) {
      throw notFound();
    }
    const spec = body.override ?? current.spec;
    const values = {
      spec,
      target: overrideTarget(spec),
      effectiveFrom: body.effective_from === undefined ? current.effectiveFrom : dateOf(body.effective_from),
      effectiveTo: body.effective_to === undefined ? current.effectiveTo : dateOf(body.effective_to),
    };
    await this.check(orgId, values, id);
    const row = await this.repository.update(orgId, id, values);
    this.cache.delete(orgId);
    if (row === undefined) {
      throw notFound();
    }
    return row;
  }

  async remove(orgId: string, id: string): Promise<void> {
    const removed = await this.repository.remove(orgId, id);
    this.cache.delete(orgId);
    if (!removed) {
      throw notFound();
    }
  }

  /** The organization's overrides on a time line (cached), ingestion's pricer for that organization. */
  async pricerFor(orgId: string): Promise<OverrideTimeline> {
    const cached = this.cache.get(orgId);
    if (cached !== undefined && cached.until > Date.now()) {
      return cached.timeline;
    }
    const timeline = await this.timeline(orgId);
    if (this.cache.size >= MAX_CACHED_ORGS) {
      this.cache.clear();
    }
    this.cache.set(orgId, { timeline, until: Date.now() + CACHE_MS });
    return timeline;
  }

  /** A fresh time line of the organization's overrides, with `leading` ones winning over them. */
  async timeline(orgId: string, leading: readonly TimedOverride['spec'][] = []): Promise<OverrideTimeline> {
    const rows = await this.repository.list(orgId);
    return new OverrideTimeline(rows.map(timedOverride), { base: this.base, leading });
  }

  /**
   * The overlap rule is checked here rather than by an exclusion constraint: two admins writing
   * the same target in the same instant could both pass, which is harmless (the first written wins
   * when pricing) and rare enough not to justify a gist index extension.
   */
  private async check(
    orgId: string,
    values: { target: string; effectiveFrom: Date | null; effectiveTo: Date | null },
    exceptId?: string,
  ): Promise<void> {
    const range: Range = { fromMs: epoch(values.effectiveFrom), toMs: epoch(values.effectiveTo) };
    assertRange(range);
    const others = await this.repository.sameTarget(orgId, values.target, exceptId);
    assertNoOverlap(range, others.map(timedOverride));
  }
}
